-- progress and projections: for every target × unit × year of target_frame: the actual, this year's milestone on the
-- unit's declared path, the gap, status, and the outlook for the target year judged on the evidence up to that year.
-- grain: unit_code × year × indicator (one target per unit and indicator).
-- The one production implementation of shared/docs/methodology.md. Parameters: the outlook thresholds of
-- settings.outlook ($on_track, $acceleration_needed, $unsd_acceleration_needed) and the first year on the post-reform
-- map ($first_new_map_year). Its oracle, the pure functions of pipelines/method/milestones.py and
-- tests/oracle/progress_rules.py, must give the same rows (tests/pipelines/test_sql_matches_oracle.py).
-- The rules every row obeys are the audits of build/sql/audits/, run after this step.

-- each target's declared path (milestones and the target-year value), segment by segment
create or replace temp table _segments as
select target_id, year as ya, milestone as va,
       lead(year) over (partition by target_id order by year) as yb,
       lead(milestone) over (partition by target_id order by year) as vb
from target_points
where declared;

create or replace temp table _judged as
with settings as (
    select first(target_year)::double as target_year, first(min_coverage) as min_coverage,
           first(near_limit) as near_limit
    from settings
),
starts as (  -- the first declared point of each target
    select target_id, min(year) as d1_year, arg_min(milestone, year) as d1_value
    from target_points
    where declared
    group by all
),
replacements as (  -- the target that re-expresses another on the post-reform map
    select rebased_from as target_id, min(id) as replaced_by
    from targets
    where rebased_from is not null
    group by all
),
framed as (
    select f.*, t.indicator, t.target_2030 as target,
           coalesce(t.measure, case when i.kind = 'level' then 'level' else 'percent' end) as measure,
           i.kind, i.levels, case when i.direction = 'higher_is_better' then 1.0 else -1.0 end as sign, i.outlook_method,
           case when t.measure is null and i.kind = 'level' then 'step' else t.interpolation end as interpolation,
           case when f.coverage is null or f.coverage + 1e-9 >= s.min_coverage then true else false end as covered,
           -- no district level from the reform on: a target counted in districts no longer applies (a target set
           -- on a district has no rows then: target_units follows the units of each year)
           (f.year >= $first_new_map_year and i.kind = 'units_at_level' and i.child_tier = 'district') as not_applicable,
           -- no official rule derives a post-reform province's level: only a reported level counts
           (f.year >= $first_new_map_year and i.kind = 'level' and f.tier = 'province') as no_level_rule,
           f.series = 'today' and t.rebased_from is null as carried_over,
           r.replaced_by, st.d1_year, st.d1_value, s.target_year, s.near_limit
    from target_frame f
    join targets t on t.id = f.target_id
    join indicators i on i.id = t.indicator
    join starts st on st.target_id = f.target_id
    left join replacements r on r.target_id = f.target_id
    cross join settings s
),
judged as (
    select *,
           case when measure = 'share' then share else value end as measured,
           case when measured is not null and covered and not not_applicable then measured end as actual,
           case when measure = 'count' then 'count' else kind end as outlook_kind
    from framed
),
-- the evidence so far: the baseline (first judged observation) and the count of observations up to this year
evidence as (
    select *,
           count(actual) over w as n_obs,
           first_value(case when actual is not null then year end ignore nulls) over w as t0,
           first_value(actual ignore nulls) over w as x0,
           list(year) filter (where actual is not null) over w as evidence_list
    from judged
    window w as (partition by target_id, unit_code, series order by year
                 rows between unbounded preceding and current row)
),
-- the unit's path: the baseline, held at the first declared point when it already reaches it, then the declared path
pathed as (
    select *,
           case when sign * (d1_value - x0) > 1e-9 then x0 else d1_value end as path_start,
           case
               when not_applicable then null
               when milestone is not null then milestone
               when t0 is not null and year >= t0 and year < d1_year then
                   case when interpolation = 'step' then path_start
                        else path_start + (d1_value - path_start) * (year - t0) / (d1_year - t0) end
           end as path_raw
    from evidence
),
milestoned as (
    select * exclude (milestone, path_raw),
           case when measure = 'count' and sign > 0 then ceil(path_raw - 1e-9)
                when measure = 'count' then floor(path_raw + 1e-9)
                else path_raw end as milestone,
           -- the path's value at the baseline year (before the first declared point: where it starts)
           case when t0 < d1_year then path_start end as path_at_base
    from pathed
),
statused as (
    select *,
           case when actual is not null and milestone is not null then sign * (actual - milestone) end as gap,
           case
               when not_applicable then 'not_applicable'
               when no_level_rule and measured is null then 'no_rule'
               when milestone is null then 'no_milestone'
               when actual is null and measured is not null then 'incomplete'
               when actual is null then 'no_data'
               when sign * (actual - milestone) >= -1e-9 then 'met'
               else 'behind'
           end as status,
           -- a verdict only on a value of this year
           actual is not null as judged_now,
           year as t1, actual as x1
    from milestoned
),
-- choose_method: growth for ratios away from zero and from the natural limit, else the linear path
chosen as (
    select *,
           sign * (x1 - target) >= -1e-9 as target_met,
           sign * (x0 - target) >= -1e-9 as base_met,
           case when not judged_now then null
                when outlook_method is not null then outlook_method
                when outlook_kind <> 'ratio' then 'linear_path'
                when x0 <= 0 or target >= near_limit or x0 >= near_limit then 'linear_path'
                else 'eurostat' end as first_method
    from statused
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
           -- linear path: progress since the path's start over the progress the declared path asks for by now;
           -- the start is the baseline, or the path where the baseline was already on or ahead of it
           case when sign * (coalesce(path_at_base, milestone_at_base) - x0) > 1e-9 then x0
                else coalesce(path_at_base, milestone_at_base) end as line_start
    from (
        select m.*,
               case when m.measure = 'count' and m.sign > 0 then ceil(p.milestone - 1e-9)
                    when m.measure = 'count' then floor(p.milestone + 1e-9)
                    else p.milestone end as milestone_at_base
        from method m
        left join target_points p on p.target_id = m.target_id and p.year = m.t0 and m.t0 >= m.d1_year
    )
),
lined as (
    select *,
           method = 'linear_path' and not target_met and n_obs >= 2 and t0 < target_year and not base_met
               as on_line,
           case when method = 'linear_path' and not target_met and n_obs >= 2 and t0 < target_year and not base_met
                     and abs(milestone - line_start) > 1e-9
                then (x1 - line_start) / (milestone - line_start) end as path_ratio
    from scored
),
outlooks as (
    select *,
           -- (greatest/least skip NULLs in DuckDB: bound only a computed value)
           case when outlook_kind = 'ratio' and unsd_raw is not null then greatest(0.0, least(100.0, unsd_raw)) else unsd_raw end as unsd_projected,
           case when method = 'unsd' and not target_met and outlook_kind = 'ratio'
                     and (abs(target) <= 1e-9 or abs(target - 100.0) <= 1e-9) and abs(x1 - target) <= 1.0
                then true else false end as unsd_near_limit
    from lined
),
categorised as (
    select *,
           case
               when method is null then null
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
                        when base_met then 'moving_away'
                        when path_ratio is null then case when status = 'behind' then 'moving_away' else 'on_track' end
                        when path_ratio >= $on_track then 'on_track'
                        when path_ratio >= $acceleration_needed then 'acceleration_needed'
                        when path_ratio >= 0 then 'limited_progress'
                        else 'moving_away' end
           end as method_category,
           case
               when method = 'eurostat' and growth_required > 1e-9 then growth_actual / growth_required
               when method = 'unsd' and not unsd_near_limit and abs(target - x0) > 1e-9 then (unsd_projected - x0) / (target - x0)
               when method = 'linear_path' then path_ratio
           end as outlook_score
    from outlooks
),
-- the rules every verdict obeys: a baseline already at the target whose latest value is not is moving away;
-- behind this year's milestone is at best "acceleration needed"
ruled as (
    select *,
           case
               when n_obs >= 2 and method_category not in ('met', 'insufficient_data') and base_met then 'moving_away'
               when status = 'behind' and method_category in ('met', 'on_track') then 'acceleration_needed'
               else method_category
           end as outlook_category
    from categorised
),
-- years behind (+) or ahead (−) of the declared path: the year the path passes the current value (a stepped path
-- holds a value until the year before it steps up: the last year on it when behind, the step when ahead);
-- a row is target_id × unit_code × series × year
crossings as (
    with lines as (
        select target_id, unit_code, series, year, status, x1, t1, sign, interpolation, t0 as ya, path_at_base as va,
               d1_year as yb, d1_value as vb, true as first_segment
        from ruled
        where on_line and path_at_base is not null
        union all
        select n.target_id, n.unit_code, n.series, n.year, n.status, n.x1, n.t1, n.sign, n.interpolation, s.ya, s.va, s.yb, s.vb,
               n.path_at_base is null and s.ya = n.d1_year as first_segment
        from ruled n
        join _segments s on s.target_id = n.target_id and s.yb is not null
        where n.on_line
    ),
    candidates as (
        select target_id, unit_code, series, year, status, t1,
               case when interpolation = 'step' then case when status = 'behind' then yb - 1 else yb end
                    else ya + (sign * x1 - sign * va) / (sign * vb - sign * va) * (yb - ya) end as crossing
        from lines
        where sign * va - 1e-9 <= sign * x1 and sign * x1 <= sign * vb + 1e-9 and sign * vb - sign * va > 1e-9
        union all
        select target_id, unit_code, series, year, status, t1, ya + (sign * x1 - sign * va) / (sign * vb - sign * va) * (yb - ya)
        from lines
        where first_segment and interpolation <> 'step'
          and sign * x1 < sign * va - 1e-9 and sign * vb - sign * va > 1e-9
    )
    select target_id, unit_code, series, year,
           case when any_value(status) = 'behind' then any_value(t1) - max(crossing) filter (where crossing <= t1 + 1e-9)
                else any_value(t1) - min(crossing) filter (where crossing >= t1 - 1e-9) end as years_behind
    from candidates
    group by target_id, unit_code, series, year
),
final as (
    select unit_code, year, indicator, target_id, measure, actual, milestone,
           case when not not_applicable then target end as target_2030, gap, status,
           coverage,
           method as outlook_method,
           outlook_category,
           outlook_score,
           case when method = 'unsd' and not unsd_near_limit and unsd_projected is not null then
                case when measure = 'count' then least(coalesce(denominator, 'infinity'::double), floor(unsd_projected + 1e-9))
                     when measure = 'level' then floor(unsd_projected + 1e-9)
                     else unsd_projected end end as projected,
           c.years_behind,
           case when method is not null then t0 end::double as base_year,
           case when method is not null then x0 end as base_value,
           coalesce(array_to_string(evidence_list, ', '), '') as evidence_years,
           n_obs, carried_over and not not_applicable as carried_over,
           case when not_applicable then replaced_by end as replaced_by,
           shown, series, kind, sign, numerator, denominator, t0, x0, t1, x1, target_year, levels
    from ruled n
    left join crossings c using (target_id, unit_code, series, year)
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
       base_year, base_value, evidence_years, n_obs, carried_over, replaced_by
from _judged
where shown
order by indicator, unit_code, year;

-- projections: per target × unit, the trend the latest verdict judged, from that year to the target year:
-- compound growth for the growth methods, the straight line through baseline and latest for the path; bounded to
-- 0–100 % for percentages and shares, to the top level for levels, to the units that exist for counts, at 0 below;
-- whole levels and whole units; only for years the unit exists. None for a target that no longer applies in the
-- target year.
create or replace table projections as
with judged as (
    select j.*
    from _judged j
    join targets t on t.id = j.target_id
    join indicators i on i.id = t.indicator
    where j.shown and j.outlook_method is not null
      and not (i.kind = 'units_at_level' and i.child_tier = 'district')
),
latest as (
    select j.*
    from judged j
    semi join (select target_id, unit_code, max(year) as year from judged group by all) m
        using (target_id, unit_code, year)
),
projectable as (
    select target_id, unit_code, outlook_method as method, measure, t0, x0, t1, x1, target_year,
           case when measure in ('percent', 'share') then 100.0
                when kind = 'level' and len(levels) > 0 then list_max(levels)::double
                when measure = 'count' then coalesce(denominator, 'infinity'::double)
                else 'infinity'::double end as upper
    from latest
    where n_obs > 0 and t1 > t0 and t1 < target_year
),
years as (  -- only the years the unit exists: an old district or commune is not projected past the reform
    select p.*, y.year
    from projectable p
    join unit_years y on y.code = p.unit_code and y.year between p.t1 and p.target_year
),
bounded as (
    select target_id, unit_code, year, measure, method,
           least(upper, greatest(0.0,
               case when method in ('eurostat', 'unsd') and x0 > 0 and x1 > 0
                    then x1 * pow(x1 / x0, (year - t1) / (t1 - t0))
                    else x1 + (x1 - x0) / (t1 - t0) * (year - t1) end)) as raw
    from years
)
select target_id, unit_code, year,
       case when measure in ('level', 'count') then floor(raw + 1e-9) else raw end as projected,
       method
from bounded
order by target_id, unit_code, year;

drop table _judged;
drop table _segments;
