-- _level_checks and _level_derived for one standard ($standard) at commune tier (NĐ 20/2014):
-- every criterion of every level checked against the commune's own ratios (the ĐBKK variant for ĐBKK
-- communes) and every required standard against the commune's level of it (derived before this one).
-- A check is 'ok', 'failed' (below the minimum) or 'missing' (no data). The commune is at the level
-- below the first level with a failed or missing check; with only missing checks that level is a lower
-- bound (derived_complete false), and with nothing to show for level 1 the level is unknown (NULL).
-- Mirrors method/level_rules.derive_commune_level (the test oracle); tests assert both give the same rows.
create or replace temp table _level_checks as
with communes as (
    select code as unit_code, year, dbkk
    from level_units
    where tier = 'commune' and has_data
),
criteria as (
    select c.unit_code, c.year, k.level,
           case when c.dbkk and k.dbkk_indicator is not null then k.dbkk_indicator else k.indicator end as subject,
           case when c.dbkk and k.dbkk_indicator is not null then k.dbkk_min else k.min end as required
    from communes c
    cross join level_criteria k
    where k.standard = $standard
),
measured as (
    select k.*, i.numerator, i.denominator,
           case when i.numerator is not null and coalesce(i.denominator, 0) <> 0
                then 100.0 * i.numerator / i.denominator else i.value end as actual
    from criteria k
    left join level_inputs i on i.unit_code = k.unit_code and i.year = k.year and i.indicator = k.subject
),
criterion_checks as (
    select unit_code, year, level, subject, actual, required,
           case when actual is null then 'missing' when actual + 1e-9 < required then 'failed' else 'ok' end as state,
           case when actual + 1e-9 < required and numerator is not null and coalesce(denominator, 0) <> 0
                then greatest(0, ceil(required / 100.0 * denominator - numerator - 1e-9)) end as to_close
    from measured
),
requirement_checks as (
    select c.unit_code, c.year, q.level, q.required_standard as subject,
           l.level::double as actual, q.required_level::double as required,
           case when l.level is null then 'missing' when l.level < q.required_level then 'failed' else 'ok' end as state,
           null::double as to_close
    from communes c
    cross join level_requires q
    left join unit_levels l on l.unit_code = c.unit_code and l.year = c.year and l.standard = q.required_standard
    where q.standard = $standard
)
select * from criterion_checks
union all
select * from requirement_checks;

create or replace temp table _level_derived as
with first_bad as (
    select unit_code, year, level,
           count(*) filter (where state = 'failed') as n_failed,
           count(*) filter (where state = 'missing') as n_missing
    from _level_checks
    where state <> 'ok'
    group by unit_code, year, level
    qualify level = min(level) over (partition by unit_code, year)
),
communes as (
    select code as unit_code, year from level_units where tier = 'commune' and has_data
)
select c.unit_code, c.year, 'commune' as tier, b.level as first_bad,
       case when b.level is null then (select max(level) from level_rules where standard = $standard)
            when b.n_failed > 0 or b.level > 1 then b.level - 1 end as derived_level,
       b.level is null or b.n_missing = 0 as derived_complete
from communes c
left join first_bad b using (unit_code, year);
