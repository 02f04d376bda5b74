-- Where we are behind: for the units below a unit, each unit's largest relative gap to this year's milestone,
-- the five largest first. params: unit_code, year
with behind as (
    select p.unit_code, u.name, u.tier, p.indicator, i.name_vi, i.name_en, i.kind, i.levels, i.entity_vi, i.entity_en,
           p.measure, p.actual, p.milestone, p.gap, p.to_close, a.numerator, a.denominator,
           relative_gap(p.gap, p.milestone) as relative_gap
    from progress p
    join unit_ancestors x on x.descendant = p.unit_code and x.year = p.year and x.ancestor = $1 and x.depth > 0
    join unit_years u on u.code = p.unit_code and u.year = p.year
    join indicators i on i.id = p.indicator
    left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
    where p.year = $2 and p.status = 'behind'
    qualify row_number() over (partition by p.unit_code order by relative_gap(p.gap, p.milestone)) = 1
)
select * from behind
order by relative_gap, name collate vi
limit 5
