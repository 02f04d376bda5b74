-- week_activities: what each unit did in the Lifelong Learning Week, typed; week_activities_rejects: the rows
-- refused, one row per problem (same columns as rejects). grain: unit_code × year × activity × mode.
create or replace temp table _staged as
select file, row,
       nullif(trim(nfc_normalize(unit_code)), '') as unit_code,
       nullif(trim(year), '') as year_text, case when regexp_full_match(trim(year), '-?[0-9]+') then try_cast(trim(year) as integer) end as year,
       nullif(trim(nfc_normalize(activity)), '') as activity,
       nullif(trim(nfc_normalize(mode)), '') as mode,
       nullif(trim(events), '') as events_text, case when regexp_full_match(trim(events), '-?[0-9]+') then try_cast(trim(events) as bigint) end as events,
       nullif(trim(participants), '') as participants_text, case when regexp_full_match(trim(participants), '-?[0-9]+') then try_cast(trim(participants) as bigint) end as participants,
       nullif(trim(nfc_normalize(source)), '') as source
from raw_week_activities;

create or replace table week_activities_rejects as
with choices as (
    select field, list(id order by id) as ids from record_choices group by field
),
s as materialized (
    select s.*,
           exists (select 1 from units u where u.code = s.unit_code) as unit_known,
           exists (select 1 from unit_years uy where uy.code = s.unit_code and uy.year = s.year) as unit_valid,
           s.activity in (select id from record_choices where field = 'activity') as activity_known,
           s.mode in (select id from record_choices where field = 'mode') as mode_known
    from _staged s
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
    select file, row, 'activity', 'unknown_choice', coalesce(activity, ''),
           json_object('field', 'activity', 'expected', array_to_string((select ids from choices where field = 'activity'), ', '))::varchar
    from s where not coalesce(activity_known, false)
    union all
    select file, row, 'mode', 'unknown_choice', coalesce(mode, ''),
           json_object('field', 'mode', 'expected', array_to_string((select ids from choices where field = 'mode'), ', '))::varchar
    from s where not coalesce(mode_known, false)
    union all
    select file, row, 'events', 'not_an_integer', coalesce(events_text, ''), '{"expected_type": "integer_ge0"}'
    from s where events is null
    union all
    select file, row, 'events', 'negative_count', events_text, '{}' from s where events < 0
    union all
    select file, row, 'participants', 'not_an_integer', coalesce(participants_text, ''), '{"expected_type": "integer_ge0"}'
    from s where participants is null
    union all
    select file, row, 'participants', 'negative_count', participants_text, '{}' from s where participants < 0
    union all
    select file, row, 'unit_code', 'duplicate', concat(unit_code, ' / ', year, ' / ', activity, ' / ', mode),
           json_object('other_file', other_file, 'other_row', other_row)::varchar
    from (
        select *, coalesce(lead(file) over w, lag(file) over w) as other_file,
               coalesce(lead(row) over w, lag(row) over w) as other_row,
               count(*) over (partition by unit_code, year, activity, mode) as copies
        from s
        where unit_code is not null and year is not null and activity is not null and mode is not null
        window w as (partition by unit_code, year, activity, mode order by file, row)
    ) where copies > 1
)
select * from checks;

create or replace table week_activities as
select s.unit_code, s.year, s.activity, s.mode, s.events, s.participants, s.source, s.file, s.row
from _staged s
anti join week_activities_rejects r on r.file = s.file and r.row = s.row
order by s.unit_code, s.year, s.activity, s.mode;
drop table _staged;
