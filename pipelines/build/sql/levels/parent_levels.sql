-- _level_checks and _level_derived for one standard ($standard) at one parent tier ($tier: district
-- from its communes, province from its districts) by NĐ 20/2014: level k needs the share of child units
-- at level k or above to reach the tier's minimum share. Children whose level is unknown count in the
-- denominator, never as meeting; the parent's level is complete only when every child's level is known
-- (or every level is met). A parent with no known child level gets a row only when it reported its own.
-- A province is derived from its districts only: NĐ 20/2014 has no rule for a province of communes (the map from
-- 1/7/2025), so such a province has only the level it reports (shared/docs/domain.md, the 2025 reform).
-- Mirrors method/level_rules.derive_parent_level (the test oracle); tests assert both give the same rows.
create or replace temp table _level_kids as
select p.code as unit_code, p.year, l.level
from level_units p
join level_units k on k.parent_code = p.code and k.year = p.year
 and k.tier = case when $tier = 'district' then 'commune' else 'district' end
left join unit_levels l on l.unit_code = k.code and l.year = k.year and l.standard = $standard
where p.tier = $tier;

create or replace temp table _level_checks as
with counted as (
    select k.unit_code, k.year, r.level,
           case when $tier = 'district' then r.district_min_share else r.province_min_share end as required,
           count(*) as n,
           count(*) filter (where k.level >= r.level) as meeting
    from _level_kids k
    cross join level_rules r
    where r.standard = $standard
    group by all
)
select unit_code, year, level,
       case when $tier = 'district' then 'commune' else 'district' end as subject,
       100.0 * meeting / n as actual, required,
       case when 100.0 * meeting / n + 1e-9 < required then 'failed' else 'ok' end as state,
       greatest(0, ceil(required / 100.0 * n - meeting - 1e-9))::double as to_close
from counted;

create or replace temp table _level_derived as
with kids as (
    select unit_code, year, count(*) as n, count(level) as known
    from _level_kids
    group by all
),
first_bad as (
    select unit_code, year, min(level) as level
    from _level_checks
    where state = 'failed'
    group by all
),
parents as (
    select p.code as unit_code, p.year, coalesce(k.n, 0) as n, coalesce(k.known, 0) as known
    from level_units p
    left join kids k on k.unit_code = p.code and k.year = p.year
    where p.tier = $tier
      and (k.known > 0 or exists (
          select 1 from level_reported r
          where r.unit_code = p.code and r.year = p.year and r.indicator = $indicator))
)
select p.unit_code, p.year, $tier as tier,
       case when p.known > 0 then b.level end as first_bad,
       case when p.n = 0 or p.known = 0 then null
            when b.level is null then (select max(level) from level_rules where standard = $standard)
            else b.level - 1 end as derived_level,
       case when p.n = 0 then null
            when p.known = 0 then false
            else b.level is null or p.known = p.n end as derived_complete
from parents p
left join first_bad b using (unit_code, year);
