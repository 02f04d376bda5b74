-- Child units × indicators for one year: status, actual and gap (the page pivots it).
-- params: parent_code, year
select u.code, u.name, i.id as indicator, i.name_vi, i.name_en, i."group", i.kind, i.levels, i.position,
       p.measure, p.actual, p.milestone, p.gap, p.to_close, p.status, a.numerator, a.denominator,
       count(*) filter (where p.status = 'behind') over (partition by u.code) as n_behind  -- for "most behind first"
from unit_years u
join progress p on p.unit_code = u.code and p.year = u.year
join indicators i on i.id = p.indicator
left join actuals a on a.unit_code = u.code and a.year = u.year and a.indicator = p.indicator
where u.parent_code = $1 and u.year = $2
order by u.name collate vi, i.position
