-- ratio_actuals: every ratio indicator for every unit and year with data, reported or rolled up.
-- grain: unit_code × year × indicator.
-- A parent's ratio sums the numerators and denominators of its descendants at the finest tier that reports
-- (never an average of percentages). A unit's own report wins over the rollup; both are kept.
-- Value-only children (a percentage without counts) cannot be summed: the rollup is then NULL.
create or replace table ratio_actuals as
with obs as (
    select o.unit_code, o.year, o.indicator, o.numerator, o.denominator, o.value, o.provisional, o.illustrative,
           o.source_id
    from observations o
    join indicators i on i.id = o.indicator
    where i.kind = 'ratio'
),
reported as (
    select unit_code, year, indicator, numerator, denominator,
           coalesce(100.0 * numerator / denominator, value) as value, provisional, illustrative, source_id
    from obs
),
descendant_obs as (
    select a.year, a.ancestor, a.descendant_tier, a.depth, o.indicator, o.numerator, o.denominator,
           o.provisional, o.illustrative, o.source_id
    from unit_ancestors a
    join obs o on o.unit_code = a.descendant and o.year = a.year
    where a.depth > 0
),
rolled as (
    -- sums at every depth that reports, then the deepest (finest) one per unit, year and indicator
    select year, ancestor as unit_code, indicator, depth, any_value(descendant_tier) as base_tier,
           case when bool_and(numerator is not null) then sum(numerator) end as numerator,
           case when bool_and(denominator is not null) then sum(denominator) end as denominator,
           count(*) as n_reported,
           bool_or(provisional) as provisional,
           bool_or(illustrative) as illustrative,
           -- one source when every child names the same one (min = max: no distinct aggregate over 3 M rows)
           case when count(source_id) = count(*) and min(source_id) = max(source_id) then min(source_id) end
               as source_id
    from descendant_obs
    group by year, ancestor, indicator, depth
    qualify depth = max(depth) over (partition by year, ancestor, indicator)
),
expected as (
    select ancestor as unit_code, year, descendant_tier as base_tier, count(*) as n_expected
    from unit_ancestors
    group by all
),
rolled_expected as (
    -- the rollups' coverage, joined on the ~77 thousand rollups rather than on every reported row
    select r.*, e.n_expected
    from rolled r
    left join expected e on e.unit_code = r.unit_code and e.year = r.year and e.base_tier = r.base_tier
),
final as (
    select
        coalesce(rep.unit_code, r.unit_code) as unit_code,
        coalesce(rep.year, r.year) as year,
        coalesce(rep.indicator, r.indicator) as indicator,
        case when rep.unit_code is not null then 'reported' else 'rollup' end as origin,
        coalesce(rep.numerator, case when rep.unit_code is null then r.numerator end) as numerator,
        coalesce(rep.denominator, case when rep.unit_code is null then r.denominator end) as denominator,
        coalesce(rep.value, 100.0 * r.numerator / nullif(r.denominator, 0)) as value,
        r.numerator as rollup_numerator,
        r.denominator as rollup_denominator,
        r.n_reported,
        r.n_expected,
        case when rep.unit_code is not null then 1.0 else r.n_reported / r.n_expected end as coverage,
        -- provenance: the report's own, else the rollup's (provisional or illustrative when any child is)
        case when rep.unit_code is not null then rep.provisional else r.provisional end as provisional,
        case when rep.unit_code is not null then rep.illustrative else r.illustrative end as illustrative,
        case when rep.unit_code is not null then rep.source_id else r.source_id end as source_id
    from reported rep
    full outer join rolled_expected r using (unit_code, year, indicator)
)
select * from final
where value is not null or origin = 'rollup'
order by indicator, unit_code, year;
