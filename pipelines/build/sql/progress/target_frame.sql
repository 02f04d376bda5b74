-- target_frame: the input of progress: every target × unit × year that has a milestone or an actual, with the
-- actual's columns and the unit's tier that year. A unit the 2025 reform created or re-drew (registered from
-- settings.reform_date) is judged from the first year on the new map on series 'today': its years on the new map
-- preceded by its comparable values of the earlier years on today's boundaries (shown = false: evidence for the
-- trend's base, never rows of their own). Everything else is series 'then'.
-- grain: target_id × unit_code × series × year.
create or replace temp table target_frame as
with renewed as (
    select distinct code from units where valid_from >= $reform_date::date
),
milestones as (
    select tu.target_id, tu.indicator, tu.unit_code, tu.year, p.milestone, uy.tier
    from target_units tu
    left join target_points p on p.target_id = tu.target_id and p.year = tu.year
    left join unit_years uy on uy.code = tu.unit_code and uy.year = tu.year
),
shown as (
    select m.target_id, m.unit_code, m.year, m.tier, m.milestone,
           a.value, a.share, a.numerator, a.denominator, a.coverage,
           case when m.year >= $first_new_map_year and m.unit_code in (select code from renewed)
                then 'today' else 'then' end as series,
           true as shown
    from milestones m
    left join actuals a on a.unit_code = m.unit_code and a.year = m.year and a.indicator = m.indicator
    where m.milestone is not null or a.value is not null
),
renewed_targets as (
    select distinct target_id, indicator, unit_code
    from target_units
    where year >= $first_new_map_year and unit_code in (select code from renewed)
),
comparable as (
    select r.target_id, c.unit_code, c.year, null::varchar as tier, null::double as milestone,
           c.value, c.share, c.numerator, c.denominator, c.coverage, 'today' as series, false as shown
    from renewed_targets r
    join comparable_actuals c on c.unit_code = r.unit_code and c.indicator = r.indicator
    where c.year < $first_new_map_year
),
final as (
    select * from shown
    union all
    select * from comparable
)
select * from final;
