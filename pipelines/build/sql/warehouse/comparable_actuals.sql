-- comparable_actuals: the years before the 2025 reform on the post-reform units (today's boundaries), in the terms
-- of actuals: ratios from comparable_ratios, commune levels from comparable_levels, and, for each new province,
-- how many of its new communes were at a level. Progress takes a renewed unit's trend base from here, never from
-- the old unit that shared its code (shared/docs/methodology.md §5). grain: unit_code × year × indicator.
create or replace table comparable_actuals as
with new_communes as (  -- one row per commune, even one registered again later (renamed)
    select code, arg_max(parent_code, valid_from) as parent_code
    from units
    where valid_from >= $reform_date::date and tier = 'commune'
    group by code
),
years as (
    select distinct year from comparable_levels
),
ratios as (
    select unit_code, year, indicator, value, numerator, denominator, null::double as share, coverage
    from comparable_ratios
),
levels as (
    select unit_code, year, indicator, level::double, null::double, null::double, null::double, 1.0
    from comparable_levels
    where level is not null
),
counted as (
    select n.parent_code as unit_code, y.year, i.id as indicator,
           count(*) as n_expected, count(l.level) as n_known,
           count(*) filter (where l.level >= i.min_level and (i.max_level is null or l.level <= i.max_level))
               as n_meeting
    from indicators i
    cross join new_communes n
    cross join years y
    left join comparable_levels l on l.unit_code = n.code and l.year = y.year and l.indicator = i.of
    where i.kind = 'units_at_level' and i.child_tier = 'commune'
    group by all
),
counts as (
    select unit_code, year, indicator, n_meeting::double, n_meeting::double, n_expected::double,
           100.0 * n_meeting / n_expected, n_known / n_expected
    from counted
    where n_known > 0
),
final as (
    select * from ratios
    union all select * from levels
    union all select * from counts
)
select * from final
order by indicator, unit_code, year;
