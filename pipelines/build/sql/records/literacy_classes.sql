-- literacy_classes: literacy and post-literacy classes by unit, year and programme (classes opened, learners
-- enrolled, learners completing), typed; literacy_classes_rejects: the rows refused, one row per problem.
-- grain: unit_code × year × programme.
create or replace temp table _staged as
select file, row,
       nullif(trim(nfc_normalize(unit_code)), '') as unit_code,
       nullif(trim(year), '') as year_text, case when regexp_full_match(trim(year), '-?[0-9]+') then try_cast(trim(year) as integer) end as year,
       nullif(trim(nfc_normalize(programme)), '') as programme,
       nullif(trim(classes), '') as classes_text, case when regexp_full_match(trim(classes), '-?[0-9]+') then try_cast(trim(classes) as bigint) end as classes,
       nullif(trim(enrolled), '') as enrolled_text, case when regexp_full_match(trim(enrolled), '-?[0-9]+') then try_cast(trim(enrolled) as bigint) end as enrolled,
       nullif(trim(completed), '') as completed_text, case when regexp_full_match(trim(completed), '-?[0-9]+') then try_cast(trim(completed) as bigint) end as completed,
       nullif(trim(nfc_normalize(source)), '') as source
from raw_literacy_classes;

create or replace table literacy_classes_rejects as
with s as materialized (
    select s.*,
           exists (select 1 from units u where u.code = s.unit_code) as unit_known,
           exists (select 1 from unit_years uy where uy.code = s.unit_code and uy.year = s.year) as unit_valid,
           s.programme in (select id from record_choices where field = 'programme') as programme_known
    from _staged s
),
counts as (
    select file, row, 'classes' as column_name, classes_text as found, classes as n from s
    union all select file, row, 'enrolled', enrolled_text, enrolled from s
    union all select file, row, 'completed', completed_text, completed from s
),
checks as (
    select file, row, 'unit_code' as column_name, 'empty_value' as code, '' as found, '{"expected_type": "text"}' as params
    from s where unit_code is null
    union all
    select file, row, 'unit_code', 'unknown_unit', unit_code, '{}' from s where unit_code is not null and not unit_known
    union all
    select file, row, 'year', 'not_an_integer', coalesce(year_text, ''), '{"expected_type": "year"}' from s where year is null
    union all
    select s.file, s.row, 'unit_code', 'unit_not_valid', s.unit_code,
           json_object('year', s.year, 'valid_from', strftime(min(u.valid_from), '%d/%m/%Y'),
                       'valid_to', strftime(max(u.valid_to), '%d/%m/%Y'))::varchar
    from s join units u on u.code = s.unit_code
    where s.year is not null and s.unit_known and not s.unit_valid
    group by s.file, s.row, s.unit_code, s.year
    union all
    select file, row, 'programme', 'unknown_choice', coalesce(programme, ''),
           json_object('field', 'programme', 'expected',
                       (select string_agg(id, ', ' order by id) from record_choices where field = 'programme'))::varchar
    from s where not coalesce(programme_known, false)
    union all
    select file, row, column_name, 'not_an_integer', coalesce(found, ''), '{"expected_type": "integer_ge0"}'
    from counts where n is null
    union all
    select file, row, column_name, 'negative_count', found, '{}' from counts where n < 0
    union all
    select file, row, 'completed', 'completed_gt_enrolled', completed_text, json_object('enrolled', enrolled_text)::varchar
    from s where completed > enrolled and enrolled >= 0
    union all
    select file, row, 'unit_code', 'duplicate', concat(unit_code, ' / ', year, ' / ', programme),
           json_object('other_file', other_file, 'other_row', other_row)::varchar
    from (
        select *, coalesce(lead(file) over w, lag(file) over w) as other_file,
               coalesce(lead(row) over w, lag(row) over w) as other_row,
               count(*) over (partition by unit_code, year, programme) as copies
        from s
        where unit_code is not null and year is not null and programme is not null
        window w as (partition by unit_code, year, programme order by file, row)
    ) where copies > 1
)
select * from checks;

create or replace table literacy_classes as
select s.unit_code, s.year, s.programme, s.classes, s.enrolled, s.completed, s.source, s.file, s.row
from _staged s
anti join literacy_classes_rejects r on r.file = s.file and r.row = s.row
order by s.unit_code, s.year, s.programme;
drop table _staged;
