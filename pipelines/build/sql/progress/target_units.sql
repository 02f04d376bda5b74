-- target_units: which unit each target applies to in each year (scopes expanded through the hierarchy
-- as it stood that year). grain: target_id × unit_code × year.
create or replace table target_units as
with expanded as (
    select s.target_id, s.indicator, a.descendant as unit_code, a.year
    from target_scopes s
    join unit_ancestors a
      on a.ancestor = s.root
     and ((s.include = 'self' and a.depth = 0) or (s.include <> 'self' and a.depth > 0 and a.descendant_tier = s.include))
),
final as (
    select distinct * from expanded
)
select * from final;
