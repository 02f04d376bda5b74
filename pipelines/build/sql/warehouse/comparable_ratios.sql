-- comparable_ratios: ratio indicators of the years before the 2025 reform re-expressed on the post-reform units
-- (current boundaries) through reform_crosswalk, so that a new commune and a new province have a line from 2020.
-- grain: unit_code (post-reform) × year (before 2025) × indicator.
-- A new commune sums numerators and denominators of the old communes it took in, times each one's share (1 for a
-- whole merge, an equal part for a split: `apportioned`). A new province sums its new communes. Percent-only
-- reports cannot be apportioned and are left out (the value is then "not comparable", never guessed).
-- coverage: the share of the expected old communes that reported.
create or replace table comparable_ratios as
with first_new_year as (
    select $first_new_map_year::integer as year  -- the first data year on the post-reform map (settings.reform_date)
),
new_units as (  -- one row per unit: a unit registered again later (renamed, re-typed) is still the same unit
    select code, arg_max(parent_code, valid_from) as parent_code, arg_max(tier, valid_from) as tier
    from units
    where valid_from >= $reform_date::date
    group by code
),
old_obs as (
    select o.unit_code, o.year, o.indicator, o.numerator, o.denominator
    from observations o
    join indicators i on i.id = o.indicator and i.kind = 'ratio'
    join unit_years u on u.code = o.unit_code and u.year = o.year and u.tier = 'commune'
    where o.year < (select year from first_new_year)
      and o.numerator is not null and o.denominator is not null
),
expected as (  -- the old communes that existed that year and feed each new commune
    -- (one crosswalk line per old and new commune: unit_registry.load_crosswalk; so no distinct count here)
    select x.new_code, u.year, count(*) as n_expected
    from reform_crosswalk x
    join unit_years u on u.code = x.old_code and u.tier = 'commune'
    group by all
),
communes as (
    select x.new_code as unit_code, o.year, o.indicator,
           sum(o.numerator * x.share) as numerator, sum(o.denominator * x.share) as denominator,
           count(*) as n_reported, bool_or(x.kind = 'split') as apportioned  -- one observation per old commune
    from old_obs o
    join reform_crosswalk x on x.old_code = o.unit_code
    join new_units n on n.code = x.new_code and n.tier = 'commune'
    group by all
),
communes_final as (
    select c.*, e.n_expected, c.n_reported / e.n_expected as coverage
    from communes c join expected e on e.new_code = c.unit_code and e.year = c.year
),
province_expected as (
    select n.parent_code, e.year, sum(e.n_expected) as n_expected
    from new_units n join expected e on e.new_code = n.code
    where n.tier = 'commune'
    group by all
),
provinces as (
    select n.parent_code as unit_code, c.year, c.indicator, sum(c.numerator) as numerator,
           sum(c.denominator) as denominator, sum(c.n_reported) as n_reported, bool_or(c.apportioned) as apportioned,
           any_value(p.n_expected) as n_expected
    from communes_final c
    join new_units n on n.code = c.unit_code
    join province_expected p on p.parent_code = n.parent_code and p.year = c.year
    group by all
),
final as (
    select unit_code, year, indicator, 'commune' as tier, numerator, denominator,
           100.0 * numerator / nullif(denominator, 0) as value, apportioned, n_reported, n_expected, coverage
    from communes_final
    union all
    select unit_code, year, indicator, 'province', numerator, denominator,
           100.0 * numerator / nullif(denominator, 0), apportioned, n_reported, n_expected, n_reported / n_expected
    from provinces
)
select * from final
order by indicator, unit_code, year;
