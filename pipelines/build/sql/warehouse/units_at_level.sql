-- units_at_level_actuals: "98/101 xã đạt chuẩn": for each unit, year and units_at_level indicator,
-- how many of its descendants of the indicator's child tier are at min_level or above (and at max_level or
-- below when the indicator sets one: "at level 2, not yet 3").
-- grain: unit_code × year × indicator. Units whose level is unknown count in n_expected, not in n_meeting.
create or replace table units_at_level_actuals as
with counted as (
    select a.ancestor as unit_code, a.year, i.id as indicator,
           count(*) as n_expected,
           count(l.level) as n_known,
           count(*) filter (where l.level >= i.min_level and (i.max_level is null or l.level <= i.max_level)) as n_meeting
    from indicators i
    join unit_ancestors a on a.descendant_tier = i.child_tier and a.depth > 0
    left join unit_levels l on l.unit_code = a.descendant and l.year = a.year and l.indicator = i.of
    where i.kind = 'units_at_level'
    group by all
),
final as (
    select unit_code, year, indicator, n_expected, n_known, n_meeting,
           100.0 * n_meeting / n_expected as share,
           n_known / n_expected as coverage
    from counted
    where n_known > 0
)
select * from final
order by indicator, unit_code, year;
