-- actuals: the value of every indicator for every unit and year with data, in the indicator's terms
-- (percent for ratios, the level for levels, a count of units for units_at_level).
-- Provenance of a ratio (provisional, illustrative, source_id: see observations); NULL for derived levels and
-- counts. Years before settings.first_year are history: here for the series, never judged (target_units).
-- grain: unit_code × year × indicator.
create or replace table actuals as
with ratios as (
    select unit_code, year, indicator, value, numerator, denominator, null::double as share,
           origin, coverage, n_reported, n_expected, provisional, illustrative, source_id
    from ratio_actuals
),
levels as (
    select unit_code, year, indicator, level::double as value, null::double, null::double, null::double,
           origin, 1.0 as coverage, null::bigint, null::bigint, null::boolean, null::boolean, null::varchar
    from unit_levels
    where level is not null
),
counts as (
    select unit_code, year, indicator, n_meeting::double, n_meeting::double, n_expected::double, share,
           'derived', coverage, n_known, n_expected, null::boolean, null::boolean, null::varchar
    from units_at_level_actuals
),
final as (
    select * from ratios
    union all select * from levels
    union all select * from counts
)
select * from final
order by indicator, unit_code, year;
