-- Parameter: the first data year on the post-reform map.
-- Targets the 2025 reform leaves without units from 2025 on: counted in districts, applied to districts, or set
-- for a unit that no longer exists; with the target that re-expresses each on the new map, if an analyst made one.
with flagged as (
    select t.id, t.indicator, t.source, t.note, i.name_vi, i.name_en,
           case
               when i.child_tier = 'district' then 'counts_districts'
               when exists (select 1 from target_scopes s where s.target_id = t.id and s.include = 'district')
                   then 'applies_to_districts'
               when exists (select 1 from target_scopes s where s.target_id = t.id
                            and s.root not in (select code from unit_years where year >= ?))
                   then 'unit_vanished'
           end as reason
    from targets t
    join indicators i on i.id = t.indicator
)
select f.id, f.name_vi, f.name_en, f.reason, f.source, r.id as rebased_by, ri.name_vi as rebased_vi,
       ri.name_en as rebased_en
from flagged f
left join targets r on r.rebased_from = f.id
left join indicators ri on ri.id = r.indicator
where f.reason is not null
order by f.id
