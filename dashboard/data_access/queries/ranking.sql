-- The direct child units of a unit for one indicator and year, the furthest behind first.
-- params: parent_code, indicator, year
select u.code, u.name, p.actual, p.milestone, p.gap, p.to_close, p.status, p.outlook_category, p.measure,
       p.coverage, a.numerator, a.denominator
from unit_years u
join progress p on p.unit_code = u.code and p.year = u.year and p.indicator = $2
left join actuals a on a.unit_code = u.code and a.year = u.year and a.indicator = $2
where u.parent_code = $1 and u.year = $3
order by p.gap asc nulls last, u.name collate vi
