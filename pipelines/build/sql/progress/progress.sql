-- progress and projections: for every target × unit × year of target_frame: the actual, this year's milestone, the gap,
-- status, and the outlook for the target year judged on the evidence up to that year.
-- grain: unit_code × year × indicator (one target per unit and indicator).
-- The one production implementation of shared/docs/methodology.md. Parameters: the outlook thresholds of
-- settings.outlook ($on_track, $acceleration_needed, $unsd_acceleration_needed). Its oracle, the pure functions
-- of tests/oracle/progress_rules.py, must give the same rows (tests/pipelines/test_sql_matches_reference.py).
create or replace temp table _judged as
with settings as (
    select first(target_year)::double as target_year, first(min_coverage) as min_coverage,
           first(near_limit) as near_limit
    from settings
),
framed as (
    select f.*, t.indicator, t.target_2030 as target,
           coalesce(t.measure, case when i.kind = 'level' then 'level' else 'percent' end) as measure,
           i.kind, i.levels, case when i.direction = 'higher_is_better' then 1.0 else -1.0 end as sign, i.outlook_method,
           case when f.coverage is null or f.coverage + 1e-9 >= s.min_coverage then true else false end as covered,
           s.target_year, s.near_limit
    from target_frame f
    join targets t on t.id = f.target_id
    join indicators i on i.id = t.indicator
    cross join settings s
),
judged as (
    select *,
           case when measure = 'share' then share else value end as measured,
           case when measured is not null and covered then measured end as actual,
           case when measure = 'count' then 'count' else kind end as outlook_kind
    from framed
),
-- the evidence so far: first and latest judged observation up to this year (a running window)
evidence as (
    select *,
           count(actual) over w as n_obs,
           first_value(case when actual is not null then year end ignore nulls) over w as t0,
           first_value(actual ignore nulls) over w as x0,
           last_value(case when actual is not null then year end ignore nulls) over w as t1,
           last_value(actual ignore nulls) over w as x1,
           list(year) filter (where actual is not null) over w as evidence_list
    from judged
    window w as (partition by target_id, unit_code order by year rows between unbounded preceding and current row)
),
-- choose_method: growth for ratios away from zero and from the natural limit, else the linear path
chosen as (
    select *,
           sign * (x1 - target) >= -1e-9 as target_met,
           case when n_obs = 0 then null
                when outlook_method is not null then outlook_method
                when outlook_kind <> 'ratio' then 'linear_path'
                when x0 <= 0 or target >= near_limit or x0 >= near_limit then 'linear_path'
                else 'eurostat' end as first_method
    from evidence
),
-- eurostat that cannot apply (one observation aside) falls back to the linear path
method as (
    select *,
           case when first_method = 'eurostat' and not target_met and n_obs >= 2
                     and (t0 >= target_year or x0 <= 0 or x1 <= 0 or target <= 0)
                then 'linear_path' else first_method end as method
    from chosen
),
scored as (
    select *,
           -- eurostat: actual over required compound annual growth
           case when method = 'eurostat' and not target_met and n_obs >= 2
                then sign * (pow(x1 / x0, 1.0 / (t1 - t0)) - 1.0) end as growth_actual,
           case when method = 'eurostat' and not target_met and n_obs >= 2
                then sign * (pow(target / x0, 1.0 / (target_year - t0)) - 1.0) end as growth_required,
           -- unsd: projected target-year value at the current growth, bounded to 0–100 % for ratios
           case when method = 'unsd' and not target_met and n_obs >= 2 then
                case when x0 > 0 and x1 > 0 then x1 * pow(1.0 + (pow(x1 / x0, 1.0 / (t1 - t0)) - 1.0), target_year - t1)
                     else x1 + (x1 - x0) / (t1 - t0) * (target_year - t1) end end as unsd_raw,
           -- linear path: progress along the straight line from the baseline to the target
           case when method = 'linear_path' and not target_met and n_obs >= 2 and t0 < target_year
                     and abs(target - x0) > 1e-9
                then (x1 - x0) / ((x0 + (target - x0) * (t1 - t0) / (target_year - t0)) - x0) end as path_ratio,
           case when method = 'linear_path' and not target_met and n_obs >= 2 and t0 < target_year
                     and abs(target - x0) > 1e-9
                then t1 - (t0 + (x1 - x0) / (target - x0) * (target_year - t0)) end as years_behind
    from method
),
outlooks as (
    select *,
           -- (greatest/least skip NULLs in DuckDB: bound only a computed value)
           case when outlook_kind = 'ratio' and unsd_raw is not null then greatest(0.0, least(100.0, unsd_raw)) else unsd_raw end as unsd_projected,
           case when method = 'unsd' and not target_met and outlook_kind = 'ratio'
                     and (abs(target) <= 1e-9 or abs(target - 100.0) <= 1e-9) and abs(x1 - target) <= 1.0
                then true else false end as unsd_near_limit
    from scored
),
categorised as (
    select *,
           case
               when method is null then 'insufficient_data'
               when target_met or unsd_near_limit then 'met'
               when method = 'eurostat' then
                   case when n_obs < 2 or t0 >= target_year then 'insufficient_data'
                        when growth_required <= 1e-9 then 'moving_away'
                        when growth_actual / growth_required >= $on_track then 'on_track'
                        when growth_actual / growth_required >= $acceleration_needed then 'acceleration_needed'
                        when growth_actual / growth_required >= 0 then 'limited_progress'
                        else 'moving_away' end
               when method = 'unsd' then
                   case when n_obs < 2 then 'insufficient_data'
                        when abs(target - x0) <= 1e-9 then 'moving_away'
                        when (unsd_projected - x0) / (target - x0) >= $on_track then 'on_track'
                        when (unsd_projected - x0) / (target - x0) >= $unsd_acceleration_needed then 'acceleration_needed'
                        else 'stagnation' end
               else
                   case when n_obs < 2 or t0 >= target_year then 'insufficient_data'
                        when abs(target - x0) <= 1e-9 then 'moving_away'
                        when path_ratio >= $on_track then 'on_track'
                        when path_ratio >= $acceleration_needed then 'acceleration_needed'
                        when path_ratio >= 0 then 'limited_progress'
                        else 'moving_away' end
           end as outlook_category,
           case
               when method = 'eurostat' and growth_required > 1e-9 then growth_actual / growth_required
               when method = 'unsd' and not unsd_near_limit and abs(target - x0) > 1e-9 then (unsd_projected - x0) / (target - x0)
               when method = 'linear_path' then path_ratio
           end as outlook_score
    from outlooks
),
final as (
    select unit_code, year, indicator, target_id, measure, actual, milestone, target as target_2030,
           case when actual is not null and milestone is not null then sign * (actual - milestone) end as gap,
           case
               when milestone is null then 'no_milestone'
               when actual is null and measured is not null then 'incomplete'
               when actual is null then 'no_data'
               when sign * (actual - milestone) >= -1e-9 then 'met'
               else 'behind'
           end as status,
           coverage,
           method as outlook_method,
           outlook_category,
           outlook_score,
           case when method = 'unsd' and not unsd_near_limit then unsd_projected end as projected,
           years_behind,
           case when method is not null then t0 end::double as base_year,
           case when method is not null then x0 end as base_value,
           coalesce(array_to_string(evidence_list, ', '), '') as evidence_years,
           n_obs,
           kind, sign, numerator, denominator, t0, x0, t1, x1, target_year, levels
    from categorised
)
select * from final;

create or replace table progress as
select unit_code, year, indicator, target_id, measure, actual, milestone, target_2030, gap,
       case
           when gap is null then null
           when gap >= 0 then 0
           -- people (families, units) still needed: from the counts behind a ratio or a share,
           -- else the gap itself rounded up (a count of units, a level)
           when kind = 'ratio' or measure = 'share' then
               case when numerator is null or coalesce(denominator, 0) = 0 then null
                    when kind = 'ratio' and sign < 0
                        then greatest(0, ceil(numerator - milestone / 100.0 * denominator - 1e-9))
                    else greatest(0, ceil(milestone / 100.0 * denominator - numerator - 1e-9)) end
           else ceil(-gap - 1e-9)
       end::double as to_close,
       status, coverage, outlook_method, outlook_category, outlook_score, projected, years_behind,
       base_year, base_value, evidence_years, n_obs
from _judged
order by indicator, unit_code, year;

-- projections: per target × unit, the trend the latest outlook judged, from the latest observation to the
-- target year: compound growth for the growth methods, the straight line through baseline and latest for
-- the path; bounded to 0–100 % for percentages and shares, to the top level for levels, at 0 below.
create or replace table projections as
with latest as (
    select *
    from _judged
    qualify year = max(year) over (partition by target_id, unit_code)
),
projectable as (
    select target_id, unit_code, outlook_method as method, t0, x0, t1, x1, target_year,
           case when measure in ('percent', 'share') then 100.0
                when kind = 'level' and len(levels) > 0 then list_max(levels)::double
                else 'infinity'::double end as upper
    from latest
    where n_obs > 0 and t1 > t0 and t1 < target_year
),
years as (
    select p.*, unnest(range(t1::bigint, target_year::bigint + 1)) as year
    from projectable p
)
select target_id, unit_code, year,
       least(upper, greatest(0.0,
           case when method in ('eurostat', 'unsd') and x0 > 0 and x1 > 0
                then x1 * pow(x1 / x0, (year - t1) / (t1 - t0))
                else x1 + (x1 - x0) / (t1 - t0) * (year - t1) end)) as projected,
       method
from years
order by target_id, unit_code, year;

drop table _judged;
