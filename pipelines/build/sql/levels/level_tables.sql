-- unit_levels and level_shortfalls, empty: the level derivations append to them.
create or replace table unit_levels (
    unit_code varchar, year bigint, indicator varchar, standard varchar, tier varchar,
    reported_level integer, derived_level integer, derived_complete boolean, level integer,
    origin varchar, agrees boolean
);
create or replace table level_shortfalls (
    unit_code varchar, year bigint, indicator varchar, standard varchar, level bigint,
    subject varchar, actual double, required double, to_close double
);
