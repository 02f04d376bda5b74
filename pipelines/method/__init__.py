"""The judgement rules written as pure functions: milestone paths of a target, NĐ 20/2014 level rules.
Progress itself is judged in SQL (build/sql/progress/progress.sql); its Python oracle lives in tests/oracle/.
Imports config only."""
