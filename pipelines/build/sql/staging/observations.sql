-- observations: the staged rows with no problem, typed, with their provenance.
-- grain: unit_code × year × indicator (unique).
create or replace table observations as
with accepted as (
    select s.*
    from staged_observations s
    anti join rejects r on r.file = s.file and r.row = s.row
),
final as (
    -- provenance: the declared source the row names (targets.yaml sources: publisher, release year), whether it is
    -- illustrative (a declared illustrative source, or the demo files' 'MINH HỌA (illustrative)'), provisional
    select a.unit_code, a.year, a.indicator, a.numerator, a.denominator, a.value, a.level, a.source, a.file, a.row,
           a.provisional,
           src.id as source_id,
           src.released as source_released,
           coalesce(src.illustrative, regexp_matches(lower(coalesce(a.source, '')), 'minh họa|illustrative'))
               as illustrative
    from accepted a
    left join sources src on src.id = a.source
)
select * from final
order by indicator, unit_code, year;
