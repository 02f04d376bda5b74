-- Where we are behind, across indicators: the worst unit × indicator pairs among a unit's children (one level, the
-- units a committee compares: a province's districts, or its communes after the reform; never a district beside one
-- of its own communes), at most one row per unit. Each indicator ranks its units behind this year's milestone by
-- relative gap; the rows come in turns (every indicator's worst unit, then every indicator's second worst, …), each
-- unit once at its best turn, so that one indicator on which every commune is behind does not fill the list.
-- params: unit_code, year
with behind as (
    select p.unit_code, u.name, u.tier, p.indicator, i.name_vi, i.name_en, i.kind, i.levels, i.entity_vi, i.entity_en,
           p.measure, p.actual, p.milestone, p.gap, p.to_close, a.numerator, a.denominator,
           relative_gap(p.gap, p.milestone) as relative_gap
    from progress p
    join unit_ancestors x on x.descendant = p.unit_code and x.year = p.year and x.ancestor = $1 and x.depth = 1
    join unit_years u on u.code = p.unit_code and u.year = p.year
    join indicators i on i.id = p.indicator
    left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
    where p.year = $2 and p.status = 'behind'
),
turns as (
    select *, row_number() over (partition by indicator order by relative_gap, name collate vi) as turn
    from behind
)
select * from turns
qualify row_number() over (partition by unit_code order by turn, relative_gap, indicator) = 1
order by turn, relative_gap, name collate vi
limit 5
