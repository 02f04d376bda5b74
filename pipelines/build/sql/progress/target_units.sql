-- target_units: which unit each target applies to in each year (scopes expanded through the hierarchy
-- as it stood that year), from the target's baseline_year (declared, else settings.first_year): the history years
-- before it are shown in the series (actuals), never judged nor a unit's baseline.
-- grain: target_id × unit_code × year.
create or replace table target_units as
with expanded as (
    select s.target_id, s.indicator, a.descendant as unit_code, a.year
    from target_scopes s
    join targets t on t.id = s.target_id
    join unit_ancestors a
      on a.ancestor = s.root
     and ((s.include = 'self' and a.depth = 0) or (s.include <> 'self' and a.depth > 0 and a.descendant_tier = s.include))
    where a.year >= t.baseline_year
),
final as (
    select distinct * from expanded
)
select * from final;
