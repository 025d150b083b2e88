--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: unaccent; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;


--
-- Name: EXTENSION unaccent; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';


--
-- Name: log_level; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.log_level AS ENUM (
    'DEBUG',
    'INFO',
    'WARNING',
    'ERROR',
    'CRITICAL'
);


--
-- Name: asmhub_doc_facets(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_doc_facets(doc jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(k || '=' || v), '{}') FROM unnest(ARRAY['minerals', 'countries', 'themes', 'data_confidence', 'ref_year', 'indicators']) k, jsonb_array_elements_text(CASE jsonb_typeof(doc->k) WHEN 'array' THEN doc->k ELSE jsonb_build_array(doc->k) END) v WHERE v IS NOT NULL $$;


--
-- Name: asmhub_facet_values(text, text, text, text[], text[], text[], jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_facet_values(organization text, license_id text, dataset_type text, tags text[], groups text[], res_format text[], doc jsonb) RETURNS TABLE(field text, value text)
    LANGUAGE sql STABLE
    AS $$ SELECT ''::text, ''::text UNION ALL SELECT 'organization', organization WHERE organization IS NOT NULL UNION ALL SELECT 'license_id', license_id WHERE license_id IS NOT NULL UNION ALL SELECT 'dataset_type', dataset_type WHERE dataset_type IS NOT NULL UNION ALL SELECT 'tags', v FROM unnest(tags) v WHERE v IS NOT NULL UNION ALL SELECT 'groups', v FROM unnest(groups) v WHERE v IS NOT NULL UNION ALL SELECT 'res_format', v FROM unnest(res_format) v WHERE v IS NOT NULL UNION ALL SELECT k, v FROM unnest(ARRAY['minerals', 'countries', 'themes', 'data_confidence', 'ref_year', 'indicators', 'asmhub_country_type', 'asmhub_country_mineral', 'asmhub_country_theme', 'asmhub_figure']) k, jsonb_array_elements_text(CASE jsonb_typeof(doc->k) WHEN 'array' THEN doc->k ELSE jsonb_build_array(doc->k) END) v WHERE v IS NOT NULL $$;


--
-- Name: asmhub_phrase_tsquery(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_phrase_tsquery(body text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(string_agg(DISTINCT '(' || q::text || ')', ' | ' ORDER BY '(' || q::text || ')'), '')::tsquery FROM unnest(ARRAY[phraseto_tsquery('asmhub_english', body), phraseto_tsquery('asmhub_french', body), phraseto_tsquery('asmhub_spanish', body), phraseto_tsquery('asmhub_portuguese', body)]) q WHERE q::text <> '' $$;


--
-- Name: asmhub_plain_tsquery(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_plain_tsquery(body text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(string_agg(DISTINCT '(' || q::text || ')', ' | ' ORDER BY '(' || q::text || ')'), '')::tsquery FROM unnest(ARRAY[plainto_tsquery('asmhub_english', body), plainto_tsquery('asmhub_french', body), plainto_tsquery('asmhub_spanish', body), plainto_tsquery('asmhub_portuguese', body)]) q WHERE q::text <> '' $$;


--
-- Name: asmhub_review_event_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_review_event_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      RAISE EXCEPTION 'asmhub_review_event is append-only';
    END $$;


--
-- Name: asmhub_search_count_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_count_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_count AS c (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value, n)
      SELECT x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value, sum(x.s)
        FROM (SELECT *, -1 AS s FROM old_rows) x CROSS JOIN LATERAL asmhub_facet_values(x.organization, x.license_id, x.dataset_type, x.tags, x.groups, x.res_format, x.doc) f
       GROUP BY x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value
      HAVING sum(x.s) <> 0
       ORDER BY f.field, f.value, x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels
      ON CONFLICT (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value) DO UPDATE SET n = c.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_count_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_count_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_count AS c (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value, n)
      SELECT x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value, sum(x.s)
        FROM (SELECT *, 1 AS s FROM new_rows) x CROSS JOIN LATERAL asmhub_facet_values(x.organization, x.license_id, x.dataset_type, x.tags, x.groups, x.res_format, x.doc) f
       GROUP BY x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value
      HAVING sum(x.s) <> 0
       ORDER BY f.field, f.value, x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels
      ON CONFLICT (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value) DO UPDATE SET n = c.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_count_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_count_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_count AS c (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value, n)
      SELECT x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value, sum(x.s)
        FROM (SELECT *, -1 AS s FROM old_rows UNION ALL SELECT *, 1 AS s FROM new_rows) x CROSS JOIN LATERAL asmhub_facet_values(x.organization, x.license_id, x.dataset_type, x.tags, x.groups, x.res_format, x.doc) f
       GROUP BY x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels, f.field, f.value
      HAVING sum(x.s) <> 0
       ORDER BY f.field, f.value, x.site_id, x.entity_type, x.dataset_type, x.state, x.capacity, x.permission_labels
      ON CONFLICT (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value) DO UPDATE SET n = c.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_generation_bump(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_generation_bump() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN UPDATE asmhub_search_generation SET n = nextval('asmhub_search_generation_seq'); RETURN NULL; END $$;


--
-- Name: asmhub_search_term_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_term_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_term AS t (lexeme, class_id, n)
      SELECT l, x.class_id, sum(x.s) FROM (SELECT class_id, search_vector, -1 AS s FROM old_rows) x, unnest(tsvector_to_array(x.search_vector)) l
       GROUP BY 1, 2 HAVING sum(x.s) <> 0 ORDER BY 1, 2
      ON CONFLICT (lexeme, class_id) DO UPDATE SET n = t.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_term_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_term_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_term AS t (lexeme, class_id, n)
      SELECT l, x.class_id, sum(x.s) FROM (SELECT class_id, search_vector, 1 AS s FROM new_rows) x, unnest(tsvector_to_array(x.search_vector)) l
       GROUP BY 1, 2 HAVING sum(x.s) <> 0 ORDER BY 1, 2
      ON CONFLICT (lexeme, class_id) DO UPDATE SET n = t.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_term_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_term_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_term AS t (lexeme, class_id, n)
      SELECT l, x.class_id, sum(x.s) FROM (SELECT o.class_id, o.search_vector, -1 AS s FROM old_rows o JOIN new_rows n USING (index_id) WHERE o.class_id <> n.class_id OR o.search_vector <> n.search_vector UNION ALL SELECT n.class_id, n.search_vector, 1 AS s FROM old_rows o JOIN new_rows n USING (index_id) WHERE o.class_id <> n.class_id OR o.search_vector <> n.search_vector) x, unnest(tsvector_to_array(x.search_vector)) l
       GROUP BY 1, 2 HAVING sum(x.s) <> 0 ORDER BY 1, 2
      ON CONFLICT (lexeme, class_id) DO UPDATE SET n = t.n + EXCLUDED.n; RETURN NULL; END $$;


--
-- Name: asmhub_search_text_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_text_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN DELETE FROM asmhub_search_text t USING old_rows o WHERE t.index_id = o.index_id; RETURN NULL; END $$;


--
-- Name: asmhub_search_text_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_text_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN 
      INSERT INTO asmhub_search_class (site_id, entity_type, dataset_type, state, capacity, permission_labels)
      SELECT DISTINCT site_id, entity_type, dataset_type, state, capacity, permission_labels FROM new_rows ON CONFLICT DO NOTHING;
      INSERT INTO asmhub_search_text AS t (index_id, class_id, metadata_modified, name, title, title_a, search_vector)
      SELECT n.index_id, c.id, n.metadata_modified, n.name, n.title, n.title_a, n.search_vector
        FROM new_rows n JOIN asmhub_search_class c ON c.site_id IS NOT DISTINCT FROM n.site_id AND c.entity_type IS NOT DISTINCT FROM n.entity_type AND c.dataset_type IS NOT DISTINCT FROM n.dataset_type AND c.state IS NOT DISTINCT FROM n.state AND c.capacity IS NOT DISTINCT FROM n.capacity AND c.permission_labels IS NOT DISTINCT FROM n.permission_labels
       ORDER BY n.index_id
      ON CONFLICT (index_id) DO UPDATE SET class_id = EXCLUDED.class_id, metadata_modified = EXCLUDED.metadata_modified, name = EXCLUDED.name, title = EXCLUDED.title, title_a = EXCLUDED.title_a, search_vector = EXCLUDED.search_vector
      WHERE (t.class_id, t.metadata_modified, t.name, t.title, t.title_a, t.search_vector) IS DISTINCT FROM
            (EXCLUDED.class_id, EXCLUDED.metadata_modified, EXCLUDED.name, EXCLUDED.title, EXCLUDED.title_a, EXCLUDED.search_vector); RETURN NULL; END $$;


--
-- Name: asmhub_search_text_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_search_text_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN DELETE FROM asmhub_search_text t USING old_rows o WHERE t.index_id = o.index_id AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.index_id = o.index_id); 
      INSERT INTO asmhub_search_class (site_id, entity_type, dataset_type, state, capacity, permission_labels)
      SELECT DISTINCT site_id, entity_type, dataset_type, state, capacity, permission_labels FROM new_rows ON CONFLICT DO NOTHING;
      INSERT INTO asmhub_search_text AS t (index_id, class_id, metadata_modified, name, title, title_a, search_vector)
      SELECT n.index_id, c.id, n.metadata_modified, n.name, n.title, n.title_a, n.search_vector
        FROM new_rows n JOIN asmhub_search_class c ON c.site_id IS NOT DISTINCT FROM n.site_id AND c.entity_type IS NOT DISTINCT FROM n.entity_type AND c.dataset_type IS NOT DISTINCT FROM n.dataset_type AND c.state IS NOT DISTINCT FROM n.state AND c.capacity IS NOT DISTINCT FROM n.capacity AND c.permission_labels IS NOT DISTINCT FROM n.permission_labels
       ORDER BY n.index_id
      ON CONFLICT (index_id) DO UPDATE SET class_id = EXCLUDED.class_id, metadata_modified = EXCLUDED.metadata_modified, name = EXCLUDED.name, title = EXCLUDED.title, title_a = EXCLUDED.title_a, search_vector = EXCLUDED.search_vector
      WHERE (t.class_id, t.metadata_modified, t.name, t.title, t.title_a, t.search_vector) IS DISTINCT FROM
            (EXCLUDED.class_id, EXCLUDED.metadata_modified, EXCLUDED.name, EXCLUDED.title, EXCLUDED.title_a, EXCLUDED.search_vector); RETURN NULL; END $$;


--
-- Name: asmhub_tsvector(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_tsvector(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (to_tsvector('asmhub_english', body)::text || ' ' || to_tsvector('asmhub_french', body)::text || ' ' || to_tsvector('asmhub_spanish', body)::text || ' ' || to_tsvector('asmhub_portuguese', body)::text || ' ' || to_tsvector('asmhub_simple', body)::text)::tsvector $$;


--
-- Name: asmhub_word_forms(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.asmhub_word_forms(body text) RETURNS TABLE(lexeme text, query tsquery)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ WITH q AS (SELECT c, plainto_tsquery(c, body) AS query FROM unnest(ARRAY['asmhub_english', 'asmhub_french', 'asmhub_spanish', 'asmhub_portuguese']::regconfig[]) c) SELECT DISTINCT l, q.query FROM q, unnest(tsvector_to_array(to_tsvector(q.c, body))) l WHERE numnode(q.query) = 1 AND (SELECT bool_and(numnode(query) <= 1) FROM q) $$;


--
-- Name: asmhub_english; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.asmhub_english (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR asciiword WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR word WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR hword_part WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR hword_asciipart WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR asciihword WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR hword WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_english
    ADD MAPPING FOR uint WITH simple;


--
-- Name: asmhub_french; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.asmhub_french (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR asciiword WITH french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR word WITH public.unaccent, french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR hword_part WITH public.unaccent, french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR hword_asciipart WITH french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR asciihword WITH french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR hword WITH public.unaccent, french_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_french
    ADD MAPPING FOR uint WITH simple;


--
-- Name: asmhub_portuguese; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.asmhub_portuguese (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR asciiword WITH portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR word WITH public.unaccent, portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR hword_part WITH public.unaccent, portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR hword_asciipart WITH portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR asciihword WITH portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR hword WITH public.unaccent, portuguese_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_portuguese
    ADD MAPPING FOR uint WITH simple;


--
-- Name: asmhub_simple; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.asmhub_simple (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR asciiword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR word WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR hword_part WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR hword_asciipart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR asciihword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR hword WITH public.unaccent, simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_simple
    ADD MAPPING FOR uint WITH simple;


--
-- Name: asmhub_spanish; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.asmhub_spanish (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR asciiword WITH spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR word WITH public.unaccent, spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR hword_part WITH public.unaccent, spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR hword_asciipart WITH spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR asciihword WITH spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR hword WITH public.unaccent, spanish_stem;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.asmhub_spanish
    ADD MAPPING FOR uint WITH simple;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: activity; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.activity (
    id text NOT NULL,
    "timestamp" timestamp without time zone,
    user_id text,
    object_id text,
    activity_type text,
    data text,
    permission_labels text[]
);


--
-- Name: activity_alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.activity_alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: activity_detail; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.activity_detail (
    id text NOT NULL,
    activity_id text,
    object_id text,
    object_type text,
    activity_type text,
    data text
);


--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: api_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_token (
    id text NOT NULL,
    name text,
    user_id text,
    created_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
    last_access timestamp without time zone,
    plugin_extras jsonb
);


--
-- Name: asmhub_alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: asmhub_mail; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_mail (
    id bigint NOT NULL,
    event_id bigint,
    recipient_id text,
    subject text NOT NULL,
    body text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_attempt_at timestamp with time zone,
    sent_at timestamp with time zone,
    recipient_name text,
    recipient_email text NOT NULL,
    body_html text,
    headers jsonb
);


--
-- Name: asmhub_moderator; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_moderator (
    user_id text NOT NULL,
    granted_by text,
    granted_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: asmhub_review; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_review (
    package_id text NOT NULL,
    state text NOT NULL,
    contributor_id text,
    submitted_at timestamp with time zone,
    decided_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: asmhub_review_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_review_event (
    id bigint NOT NULL,
    package_id text NOT NULL,
    kind text NOT NULL,
    from_state text,
    to_state text NOT NULL,
    actor_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    comment text,
    required_changes jsonb DEFAULT '[]'::jsonb NOT NULL,
    criteria jsonb DEFAULT '{}'::jsonb NOT NULL,
    snapshot jsonb
);


--
-- Name: asmhub_review_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asmhub_review_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asmhub_review_event_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.asmhub_review_event_id_seq OWNED BY public.asmhub_review_event.id;


--
-- Name: asmhub_review_mail_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asmhub_review_mail_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asmhub_review_mail_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.asmhub_review_mail_id_seq OWNED BY public.asmhub_mail.id;


--
-- Name: asmhub_search_class; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_class (
    id integer NOT NULL,
    site_id text,
    entity_type text,
    dataset_type text,
    state text,
    capacity text,
    permission_labels text[]
);


--
-- Name: asmhub_search_class_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asmhub_search_class_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asmhub_search_class_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.asmhub_search_class_id_seq OWNED BY public.asmhub_search_class.id;


--
-- Name: asmhub_search_count; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_count (
    site_id text,
    entity_type text,
    dataset_type text,
    state text,
    capacity text,
    permission_labels text[],
    field text NOT NULL,
    value text NOT NULL,
    n integer NOT NULL
);


--
-- Name: asmhub_search_doc; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_doc (
    index_id text NOT NULL,
    id text NOT NULL,
    site_id text NOT NULL,
    name text,
    title text,
    title_string text COLLATE pg_catalog."C",
    state text,
    capacity text,
    dataset_type text,
    entity_type text,
    owner_org text,
    organization text,
    license_id text,
    creator_user_id text,
    metadata_created timestamp with time zone,
    metadata_modified timestamp with time zone,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    groups text[] DEFAULT '{}'::text[] NOT NULL,
    res_format text[] DEFAULT '{}'::text[] NOT NULL,
    permission_labels text[] DEFAULT '{}'::text[] NOT NULL,
    bbox box,
    search_vector tsvector NOT NULL,
    doc jsonb NOT NULL,
    data_dict text,
    validated_data_dict text,
    indexed_at timestamp with time zone DEFAULT now() NOT NULL,
    title_vector tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}'::"char"[])) STORED,
    facet_values text[] GENERATED ALWAYS AS (public.asmhub_doc_facets(doc)) STORED,
    title_a tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a}'::"char"[])) STORED
)
WITH (toast_tuple_target='128');
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN index_id SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN id SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN site_id SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN name SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN title SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN title_string SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN state SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN capacity SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN dataset_type SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN entity_type SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN owner_org SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN organization SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN license_id SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN creator_user_id SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN tags SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN groups SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN res_format SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN permission_labels SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN title_vector SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN facet_values SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_doc ALTER COLUMN title_a SET STORAGE MAIN;


--
-- Name: asmhub_search_generation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_generation (
    id integer NOT NULL,
    epoch text DEFAULT md5(((random())::text || (clock_timestamp())::text)) NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT asmhub_search_generation_id_check CHECK ((id = 1))
);


--
-- Name: asmhub_search_generation_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asmhub_search_generation_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asmhub_search_term; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_term (
    lexeme text NOT NULL,
    class_id integer NOT NULL,
    n integer NOT NULL
);


--
-- Name: asmhub_search_text; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asmhub_search_text (
    index_id text NOT NULL,
    class_id integer NOT NULL,
    metadata_modified timestamp with time zone,
    name text,
    title text,
    title_a tsvector,
    search_vector tsvector
)
WITH (toast_tuple_target='128');
ALTER TABLE ONLY public.asmhub_search_text ALTER COLUMN name SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_text ALTER COLUMN title SET STORAGE MAIN;
ALTER TABLE ONLY public.asmhub_search_text ALTER COLUMN title_a SET STORAGE MAIN;


--
-- Name: dashboard; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dashboard (
    user_id text NOT NULL,
    activity_stream_last_viewed timestamp without time zone NOT NULL,
    email_last_sent timestamp without time zone DEFAULT LOCALTIMESTAMP NOT NULL
);


--
-- Name: file; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.file (
    id text NOT NULL,
    name text NOT NULL,
    storage text NOT NULL,
    location text NOT NULL,
    content_type text DEFAULT 'application/octet-stream'::text NOT NULL,
    size bigint DEFAULT '0'::bigint NOT NULL,
    hash text DEFAULT ''::text NOT NULL,
    algorithm text DEFAULT ''::text NOT NULL,
    created timestamp with time zone DEFAULT now() NOT NULL,
    storage_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    plugin_data jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: file_owner; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.file_owner (
    file_id text NOT NULL,
    owner_type text NOT NULL,
    owner_id text NOT NULL,
    pinned boolean DEFAULT false NOT NULL
);


--
-- Name: file_owner_transfer_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.file_owner_transfer_history (
    id text NOT NULL,
    file_id text NOT NULL,
    owner_id text NOT NULL,
    owner_type text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    action text DEFAULT 'transfer'::text NOT NULL
);


--
-- Name: group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."group" (
    id text NOT NULL,
    name text NOT NULL,
    title text,
    description text,
    created timestamp without time zone,
    state text,
    type text NOT NULL,
    approval_status text,
    image_url text,
    is_organization boolean DEFAULT false,
    extras jsonb,
    CONSTRAINT group_flat_extras CHECK (((jsonb_typeof(extras) = 'object'::text) AND (NOT jsonb_path_exists(extras, '$.*?(@.type() != "string")'::jsonpath))))
);


--
-- Name: harvest_alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: harvest_gather_error; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_gather_error (
    id text NOT NULL,
    harvest_job_id text,
    message text,
    created timestamp without time zone
);


--
-- Name: harvest_job; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_job (
    id text NOT NULL,
    created timestamp without time zone,
    gather_started timestamp without time zone,
    gather_finished timestamp without time zone,
    finished timestamp without time zone,
    source_id text,
    status text NOT NULL
);


--
-- Name: harvest_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_log (
    id text NOT NULL,
    content text NOT NULL,
    level public.log_level,
    created timestamp without time zone
);


--
-- Name: harvest_object; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_object (
    id text NOT NULL,
    guid text,
    current boolean,
    gathered timestamp without time zone,
    fetch_started timestamp without time zone,
    content text,
    fetch_finished timestamp without time zone,
    import_started timestamp without time zone,
    import_finished timestamp without time zone,
    state text,
    metadata_modified_date timestamp without time zone,
    retry_times integer,
    harvest_job_id text,
    harvest_source_id text,
    package_id text,
    report_status text
);


--
-- Name: harvest_object_error; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_object_error (
    id text NOT NULL,
    harvest_object_id text,
    message text,
    stage text,
    line integer,
    created timestamp without time zone
);


--
-- Name: harvest_object_extra; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_object_extra (
    id text NOT NULL,
    harvest_object_id text,
    key text,
    value text
);


--
-- Name: harvest_source; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.harvest_source (
    id text NOT NULL,
    url text NOT NULL,
    title text,
    description text,
    config text,
    created timestamp without time zone,
    type text NOT NULL,
    active boolean,
    user_id text,
    publisher_id text,
    frequency text,
    next_run timestamp without time zone
);


--
-- Name: member; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member (
    id text NOT NULL,
    group_id text,
    table_id text NOT NULL,
    state text,
    table_name text NOT NULL,
    capacity text NOT NULL
);


--
-- Name: package; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.package (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    title text,
    version character varying(100),
    url text,
    notes text,
    author text,
    author_email text,
    maintainer text,
    maintainer_email text,
    state text,
    license_id text,
    type text,
    owner_org text,
    private boolean DEFAULT false,
    metadata_modified timestamp without time zone,
    creator_user_id text,
    metadata_created timestamp without time zone,
    plugin_data jsonb,
    extras jsonb,
    CONSTRAINT package_flat_extras CHECK (((jsonb_typeof(extras) = 'object'::text) AND (NOT jsonb_path_exists(extras, '$.*?(@.type() != "string")'::jsonpath))))
);


--
-- Name: package_member; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.package_member (
    package_id text NOT NULL,
    user_id text NOT NULL,
    capacity text NOT NULL,
    modified timestamp without time zone NOT NULL
);


--
-- Name: package_relationship; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.package_relationship (
    id text NOT NULL,
    subject_package_id text,
    object_package_id text,
    type text,
    comment text,
    state text
);


--
-- Name: package_tag; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.package_tag (
    id text NOT NULL,
    state text,
    package_id text,
    tag_id text
);


--
-- Name: resource; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.resource (
    id text NOT NULL,
    url text NOT NULL,
    format text,
    description text,
    "position" integer,
    hash text,
    state text,
    extras text,
    name text,
    resource_type text,
    mimetype text,
    mimetype_inner text,
    size bigint,
    last_modified timestamp without time zone,
    cache_url text,
    cache_last_updated timestamp without time zone,
    created timestamp without time zone,
    url_type text,
    package_id text DEFAULT ''::text NOT NULL,
    metadata_modified timestamp without time zone
);


--
-- Name: resource_view; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.resource_view (
    id text NOT NULL,
    resource_id text,
    title text,
    description text,
    view_type text NOT NULL,
    "order" integer NOT NULL,
    config text
);


--
-- Name: system_info; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.system_info (
    id integer NOT NULL,
    key character varying(100) NOT NULL,
    value text,
    state text DEFAULT 'active'::text NOT NULL
);


--
-- Name: system_info_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.system_info_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: system_info_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.system_info_id_seq OWNED BY public.system_info.id;


--
-- Name: tag; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tag (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    vocabulary_id character varying(100)
);


--
-- Name: task_status; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_status (
    id text NOT NULL,
    entity_id text NOT NULL,
    entity_type text NOT NULL,
    task_type text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    state text,
    error text,
    last_updated timestamp without time zone
);


--
-- Name: term_translation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.term_translation (
    term text NOT NULL,
    term_translation text NOT NULL,
    lang_code text NOT NULL
);


--
-- Name: tracking_raw; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tracking_raw (
    user_key character varying(100) NOT NULL,
    url text NOT NULL,
    tracking_type character varying(10) NOT NULL,
    access_timestamp timestamp without time zone DEFAULT CURRENT_TIMESTAMP
);


--
-- Name: tracking_summary; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tracking_summary (
    url text NOT NULL,
    package_id text,
    tracking_type character varying(10) NOT NULL,
    count integer NOT NULL,
    running_total integer DEFAULT 0 NOT NULL,
    recent_views integer DEFAULT 0 NOT NULL,
    tracking_date date
);


--
-- Name: user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."user" (
    id text NOT NULL,
    name text NOT NULL,
    apikey text,
    created timestamp without time zone,
    about text,
    password text,
    fullname text,
    email text,
    reset_key text,
    sysadmin boolean DEFAULT false,
    activity_streams_email_notifications boolean DEFAULT false,
    state text DEFAULT 'active'::text NOT NULL,
    plugin_extras jsonb,
    image_url text,
    last_active timestamp without time zone
);


--
-- Name: user_following_dataset; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_following_dataset (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL
);


--
-- Name: user_following_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_following_group (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL
);


--
-- Name: user_following_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_following_user (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL
);


--
-- Name: vocabulary; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vocabulary (
    id text NOT NULL,
    name character varying(100) NOT NULL
);


--
-- Name: asmhub_mail id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_mail ALTER COLUMN id SET DEFAULT nextval('public.asmhub_review_mail_id_seq'::regclass);


--
-- Name: asmhub_review_event id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_review_event ALTER COLUMN id SET DEFAULT nextval('public.asmhub_review_event_id_seq'::regclass);


--
-- Name: asmhub_search_class id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_class ALTER COLUMN id SET DEFAULT nextval('public.asmhub_search_class_id_seq'::regclass);


--
-- Name: system_info id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.system_info ALTER COLUMN id SET DEFAULT nextval('public.system_info_id_seq'::regclass);


--
-- Name: activity_alembic_version activity_alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activity_alembic_version
    ADD CONSTRAINT activity_alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: activity_detail activity_detail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activity_detail
    ADD CONSTRAINT activity_detail_pkey PRIMARY KEY (id);


--
-- Name: activity activity_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activity
    ADD CONSTRAINT activity_pkey PRIMARY KEY (id);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: api_token api_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);


--
-- Name: asmhub_alembic_version asmhub_alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_alembic_version
    ADD CONSTRAINT asmhub_alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: asmhub_moderator asmhub_moderator_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_moderator
    ADD CONSTRAINT asmhub_moderator_pkey PRIMARY KEY (user_id);


--
-- Name: asmhub_review_event asmhub_review_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_review_event
    ADD CONSTRAINT asmhub_review_event_pkey PRIMARY KEY (id);


--
-- Name: asmhub_mail asmhub_review_mail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_mail
    ADD CONSTRAINT asmhub_review_mail_pkey PRIMARY KEY (id);


--
-- Name: asmhub_review asmhub_review_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_review
    ADD CONSTRAINT asmhub_review_pkey PRIMARY KEY (package_id);


--
-- Name: asmhub_search_class asmhub_search_class_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_class
    ADD CONSTRAINT asmhub_search_class_pkey PRIMARY KEY (id);


--
-- Name: asmhub_search_class asmhub_search_class_site_id_entity_type_dataset_type_state__key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_class
    ADD CONSTRAINT asmhub_search_class_site_id_entity_type_dataset_type_state__key UNIQUE NULLS NOT DISTINCT (site_id, entity_type, dataset_type, state, capacity, permission_labels);


--
-- Name: asmhub_search_count asmhub_search_count_site_id_entity_type_dataset_type_state__key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_count
    ADD CONSTRAINT asmhub_search_count_site_id_entity_type_dataset_type_state__key UNIQUE NULLS NOT DISTINCT (site_id, entity_type, dataset_type, state, capacity, permission_labels, field, value);


--
-- Name: asmhub_search_doc asmhub_search_doc_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_doc
    ADD CONSTRAINT asmhub_search_doc_pkey PRIMARY KEY (index_id);


--
-- Name: asmhub_search_generation asmhub_search_generation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_generation
    ADD CONSTRAINT asmhub_search_generation_pkey PRIMARY KEY (id);


--
-- Name: asmhub_search_term asmhub_search_term_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_term
    ADD CONSTRAINT asmhub_search_term_pkey PRIMARY KEY (lexeme, class_id);


--
-- Name: asmhub_search_text asmhub_search_text_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_search_text
    ADD CONSTRAINT asmhub_search_text_pkey PRIMARY KEY (index_id);


--
-- Name: dashboard dashboard_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dashboard
    ADD CONSTRAINT dashboard_pkey PRIMARY KEY (user_id);


--
-- Name: file_owner file_owner_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.file_owner
    ADD CONSTRAINT file_owner_pkey PRIMARY KEY (file_id);


--
-- Name: file_owner_transfer_history file_owner_transfer_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.file_owner_transfer_history
    ADD CONSTRAINT file_owner_transfer_history_pkey PRIMARY KEY (id);


--
-- Name: file file_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.file
    ADD CONSTRAINT file_pkey PRIMARY KEY (id);


--
-- Name: group group_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."group"
    ADD CONSTRAINT group_name_key UNIQUE (name);


--
-- Name: group group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."group"
    ADD CONSTRAINT group_pkey PRIMARY KEY (id);


--
-- Name: harvest_alembic_version harvest_alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_alembic_version
    ADD CONSTRAINT harvest_alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: harvest_gather_error harvest_gather_error_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_gather_error
    ADD CONSTRAINT harvest_gather_error_pkey PRIMARY KEY (id);


--
-- Name: harvest_job harvest_job_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_job
    ADD CONSTRAINT harvest_job_pkey PRIMARY KEY (id);


--
-- Name: harvest_log harvest_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_log
    ADD CONSTRAINT harvest_log_pkey PRIMARY KEY (id);


--
-- Name: harvest_object_error harvest_object_error_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object_error
    ADD CONSTRAINT harvest_object_error_pkey PRIMARY KEY (id);


--
-- Name: harvest_object_extra harvest_object_extra_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object_extra
    ADD CONSTRAINT harvest_object_extra_pkey PRIMARY KEY (id);


--
-- Name: harvest_object harvest_object_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object
    ADD CONSTRAINT harvest_object_pkey PRIMARY KEY (id);


--
-- Name: harvest_source harvest_source_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_source
    ADD CONSTRAINT harvest_source_pkey PRIMARY KEY (id);


--
-- Name: member member_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_pkey PRIMARY KEY (id);


--
-- Name: package_member package_member_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_member
    ADD CONSTRAINT package_member_pkey PRIMARY KEY (package_id, user_id);


--
-- Name: package package_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package
    ADD CONSTRAINT package_name_key UNIQUE (name);


--
-- Name: package package_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package
    ADD CONSTRAINT package_pkey PRIMARY KEY (id);


--
-- Name: package_relationship package_relationship_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_relationship
    ADD CONSTRAINT package_relationship_pkey PRIMARY KEY (id);


--
-- Name: package_tag package_tag_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_tag
    ADD CONSTRAINT package_tag_pkey PRIMARY KEY (id);


--
-- Name: resource resource_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource
    ADD CONSTRAINT resource_pkey PRIMARY KEY (id);


--
-- Name: resource_view resource_view_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_view
    ADD CONSTRAINT resource_view_pkey PRIMARY KEY (id);


--
-- Name: system_info system_info_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.system_info
    ADD CONSTRAINT system_info_key_key UNIQUE (key);


--
-- Name: system_info system_info_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.system_info
    ADD CONSTRAINT system_info_pkey PRIMARY KEY (id);


--
-- Name: tag tag_name_vocabulary_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_name_vocabulary_id_key UNIQUE (name, vocabulary_id);


--
-- Name: tag tag_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_pkey PRIMARY KEY (id);


--
-- Name: task_status task_status_entity_id_task_type_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_status
    ADD CONSTRAINT task_status_entity_id_task_type_key_key UNIQUE (entity_id, task_type, key);


--
-- Name: task_status task_status_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_status
    ADD CONSTRAINT task_status_pkey PRIMARY KEY (id);


--
-- Name: user_following_dataset user_following_dataset_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_dataset
    ADD CONSTRAINT user_following_dataset_pkey PRIMARY KEY (follower_id, object_id);


--
-- Name: user_following_group user_following_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_group
    ADD CONSTRAINT user_following_group_pkey PRIMARY KEY (follower_id, object_id);


--
-- Name: user_following_user user_following_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_user
    ADD CONSTRAINT user_following_user_pkey PRIMARY KEY (follower_id, object_id);


--
-- Name: user user_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_name_key UNIQUE (name);


--
-- Name: user user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_pkey PRIMARY KEY (id);


--
-- Name: vocabulary vocabulary_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vocabulary
    ADD CONSTRAINT vocabulary_name_key UNIQUE (name);


--
-- Name: vocabulary vocabulary_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vocabulary
    ADD CONSTRAINT vocabulary_pkey PRIMARY KEY (id);


--
-- Name: asmhub_mail_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_mail_created_idx ON public.asmhub_mail USING btree (created_at DESC, id DESC);


--
-- Name: asmhub_mail_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_mail_status_idx ON public.asmhub_mail USING btree (status);


--
-- Name: asmhub_review_contributor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_review_contributor_idx ON public.asmhub_review USING btree (contributor_id);


--
-- Name: asmhub_review_event_package_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_review_event_package_idx ON public.asmhub_review_event USING btree (package_id, created_at);


--
-- Name: asmhub_review_state_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_review_state_idx ON public.asmhub_review USING btree (state, submitted_at);


--
-- Name: asmhub_search_count_field; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_count_field ON public.asmhub_search_count USING btree (field);


--
-- Name: asmhub_search_doc_bbox_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_bbox_idx ON public.asmhub_search_doc USING gist (bbox);


--
-- Name: asmhub_search_doc_doc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_doc_idx ON public.asmhub_search_doc USING gin (doc jsonb_path_ops) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_facet_values_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_facet_values_idx ON public.asmhub_search_doc USING gin (facet_values) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_groups_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_groups_idx ON public.asmhub_search_doc USING gin (groups) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_id_idx ON public.asmhub_search_doc USING btree (id);


--
-- Name: asmhub_search_doc_metadata_created_desc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_metadata_created_desc_idx ON public.asmhub_search_doc USING btree (metadata_created DESC NULLS LAST, index_id);


--
-- Name: asmhub_search_doc_metadata_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_metadata_created_idx ON public.asmhub_search_doc USING btree (metadata_created);


--
-- Name: asmhub_search_doc_metadata_modified_desc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_metadata_modified_desc_idx ON public.asmhub_search_doc USING btree (metadata_modified DESC NULLS LAST, index_id);


--
-- Name: asmhub_search_doc_metadata_modified_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_metadata_modified_idx ON public.asmhub_search_doc USING btree (metadata_modified);


--
-- Name: asmhub_search_doc_name_desc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_name_desc_idx ON public.asmhub_search_doc USING btree (name DESC NULLS LAST, index_id);


--
-- Name: asmhub_search_doc_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_name_idx ON public.asmhub_search_doc USING btree (name);


--
-- Name: asmhub_search_doc_name_trgm_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_name_trgm_idx ON public.asmhub_search_doc USING gin (name public.gin_trgm_ops) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_owner_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_owner_org_idx ON public.asmhub_search_doc USING btree (owner_org);


--
-- Name: asmhub_search_doc_res_format_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_res_format_idx ON public.asmhub_search_doc USING gin (res_format) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_search_vector_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_search_vector_idx ON public.asmhub_search_doc USING gin (search_vector) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_tags_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_tags_idx ON public.asmhub_search_doc USING gin (tags) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_title_a_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_title_a_idx ON public.asmhub_search_doc USING gin (title_a) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_title_string_desc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_title_string_desc_idx ON public.asmhub_search_doc USING btree (title_string DESC NULLS LAST, index_id);


--
-- Name: asmhub_search_doc_title_string_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_title_string_idx ON public.asmhub_search_doc USING btree (title_string);


--
-- Name: asmhub_search_doc_title_trgm_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_title_trgm_idx ON public.asmhub_search_doc USING gin (title public.gin_trgm_ops) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_doc_title_vector_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_doc_title_vector_idx ON public.asmhub_search_doc USING gin (title_vector) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_text_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_text_name_idx ON public.asmhub_search_text USING gin (name public.gin_trgm_ops) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_text_search_vector_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_text_search_vector_idx ON public.asmhub_search_text USING gin (search_vector) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_text_title_a_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_text_title_a_idx ON public.asmhub_search_text USING gin (title_a) WITH (gin_pending_list_limit='256');


--
-- Name: asmhub_search_text_title_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asmhub_search_text_title_idx ON public.asmhub_search_text USING gin (title public.gin_trgm_ops) WITH (gin_pending_list_limit='256');


--
-- Name: guid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX guid_idx ON public.harvest_object USING btree (guid);


--
-- Name: harvest_error_harvest_object_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX harvest_error_harvest_object_id_idx ON public.harvest_object_error USING btree (harvest_object_id);


--
-- Name: harvest_job_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX harvest_job_id_idx ON public.harvest_object USING btree (harvest_job_id);


--
-- Name: harvest_object_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX harvest_object_id_idx ON public.harvest_object_extra USING btree (harvest_object_id);


--
-- Name: harvest_source_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX harvest_source_id_idx ON public.harvest_object USING btree (harvest_source_id);


--
-- Name: idx_activity_detail_activity_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_activity_detail_activity_id ON public.activity_detail USING btree (activity_id);


--
-- Name: idx_activity_object_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_activity_object_id ON public.activity USING btree (object_id, "timestamp");


--
-- Name: idx_activity_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_activity_user_id ON public.activity USING btree (user_id, "timestamp");


--
-- Name: idx_extra_grp_id_pkg_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_extra_grp_id_pkg_id ON public.member USING btree (group_id, table_id);


--
-- Name: idx_file_location_in_storage; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_file_location_in_storage ON public.file USING btree (storage, location);


--
-- Name: idx_group_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_group_id ON public."group" USING btree (id);


--
-- Name: idx_group_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_group_name ON public."group" USING btree (name);


--
-- Name: idx_group_pkg_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_group_pkg_id ON public.member USING btree (table_id);


--
-- Name: idx_only_one_active_email_no_case; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_only_one_active_email_no_case ON public."user" USING btree (lower(email)) WHERE (state = 'active'::text);


--
-- Name: idx_owner_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_owner_owner ON public.file_owner USING btree (owner_type, owner_id);


--
-- Name: idx_package_creator_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_creator_user_id ON public.package USING btree (creator_user_id);


--
-- Name: idx_package_group_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_group_id ON public.member USING btree (id);


--
-- Name: idx_package_resource_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_resource_id ON public.resource USING btree (id);


--
-- Name: idx_package_resource_package_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_resource_package_id ON public.resource USING btree (package_id);


--
-- Name: idx_package_resource_url; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_resource_url ON public.resource USING btree (url);


--
-- Name: idx_package_tag_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_tag_id ON public.package_tag USING btree (id);


--
-- Name: idx_package_tag_pkg_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_tag_pkg_id ON public.package_tag USING btree (package_id);


--
-- Name: idx_package_tag_pkg_id_tag_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_package_tag_pkg_id_tag_id ON public.package_tag USING btree (tag_id, package_id);


--
-- Name: idx_pkg_lname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_lname ON public.package USING btree (lower((name)::text));


--
-- Name: idx_pkg_sid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_sid ON public.package USING btree (id, state);


--
-- Name: idx_pkg_slname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_slname ON public.package USING btree (lower((name)::text), state);


--
-- Name: idx_pkg_sname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_sname ON public.package USING btree (name, state);


--
-- Name: idx_pkg_stitle; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_stitle ON public.package USING btree (title, state);


--
-- Name: idx_pkg_suname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_suname ON public.package USING btree (upper((name)::text), state);


--
-- Name: idx_pkg_uname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_pkg_uname ON public.package USING btree (upper((name)::text));


--
-- Name: idx_tag_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_tag_id ON public.tag USING btree (id);


--
-- Name: idx_tag_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_tag_name ON public.tag USING btree (name);


--
-- Name: idx_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_user_id ON public."user" USING btree (id);


--
-- Name: idx_user_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_user_name ON public."user" USING btree (name);


--
-- Name: idx_user_name_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_user_name_index ON public."user" USING btree ((
CASE
    WHEN ((fullname IS NULL) OR (fullname = ''::text)) THEN name
    ELSE fullname
END));


--
-- Name: idx_view_resource_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_view_resource_id ON public.resource_view USING btree (resource_id);


--
-- Name: package_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX package_id_idx ON public.harvest_object USING btree (package_id);


--
-- Name: term_lang; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX term_lang ON public.term_translation USING btree (term, lang_code);


--
-- Name: tracking_raw_access_timestamp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_raw_access_timestamp ON public.tracking_raw USING btree (access_timestamp);


--
-- Name: tracking_raw_url; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_raw_url ON public.tracking_raw USING btree (url);


--
-- Name: tracking_raw_user_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_raw_user_key ON public.tracking_raw USING btree (user_key);


--
-- Name: tracking_summary_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_summary_date ON public.tracking_summary USING btree (tracking_date);


--
-- Name: tracking_summary_package_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_summary_package_id ON public.tracking_summary USING btree (package_id);


--
-- Name: tracking_summary_url; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracking_summary_url ON public.tracking_summary USING btree (url);


--
-- Name: asmhub_review_event asmhub_review_event_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_review_event_append_only BEFORE DELETE OR UPDATE ON public.asmhub_review_event FOR EACH ROW EXECUTE FUNCTION public.asmhub_review_event_append_only();


--
-- Name: asmhub_search_doc asmhub_search_count_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_count_delete AFTER DELETE ON public.asmhub_search_doc REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_count_delete();


--
-- Name: asmhub_search_doc asmhub_search_count_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_count_insert AFTER INSERT ON public.asmhub_search_doc REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_count_insert();


--
-- Name: asmhub_search_doc asmhub_search_count_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_count_update AFTER UPDATE ON public.asmhub_search_doc REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_count_update();


--
-- Name: asmhub_search_doc asmhub_search_generation_bump; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_generation_bump AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.asmhub_search_doc FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_generation_bump();


--
-- Name: asmhub_search_text asmhub_search_term_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_term_delete AFTER DELETE ON public.asmhub_search_text REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_term_delete();


--
-- Name: asmhub_search_text asmhub_search_term_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_term_insert AFTER INSERT ON public.asmhub_search_text REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_term_insert();


--
-- Name: asmhub_search_text asmhub_search_term_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_term_update AFTER UPDATE ON public.asmhub_search_text REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_term_update();


--
-- Name: asmhub_search_doc asmhub_search_text_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_text_delete AFTER DELETE ON public.asmhub_search_doc REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_text_delete();


--
-- Name: asmhub_search_doc asmhub_search_text_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_text_insert AFTER INSERT ON public.asmhub_search_doc REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_text_insert();


--
-- Name: asmhub_search_doc asmhub_search_text_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER asmhub_search_text_update AFTER UPDATE ON public.asmhub_search_doc REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.asmhub_search_text_update();


--
-- Name: activity_detail activity_detail_activity_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activity_detail
    ADD CONSTRAINT activity_detail_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES public.activity(id);


--
-- Name: api_token api_token_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user"(id);


--
-- Name: asmhub_moderator asmhub_moderator_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_moderator
    ADD CONSTRAINT asmhub_moderator_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user"(id) ON DELETE CASCADE;


--
-- Name: asmhub_review asmhub_review_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_review
    ADD CONSTRAINT asmhub_review_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public."user"(id) ON DELETE SET NULL;


--
-- Name: asmhub_mail asmhub_review_mail_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_mail
    ADD CONSTRAINT asmhub_review_mail_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.asmhub_review_event(id);


--
-- Name: asmhub_review asmhub_review_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asmhub_review
    ADD CONSTRAINT asmhub_review_package_id_fkey FOREIGN KEY (package_id) REFERENCES public.package(id) ON DELETE CASCADE;


--
-- Name: dashboard dashboard_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dashboard
    ADD CONSTRAINT dashboard_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: file_owner file_owner_file_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.file_owner
    ADD CONSTRAINT file_owner_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.file(id) ON DELETE CASCADE;


--
-- Name: harvest_gather_error harvest_gather_error_harvest_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_gather_error
    ADD CONSTRAINT harvest_gather_error_harvest_job_id_fkey FOREIGN KEY (harvest_job_id) REFERENCES public.harvest_job(id) ON DELETE CASCADE;


--
-- Name: harvest_job harvest_job_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_job
    ADD CONSTRAINT harvest_job_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.harvest_source(id) ON DELETE CASCADE;


--
-- Name: harvest_object_error harvest_object_error_harvest_object_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object_error
    ADD CONSTRAINT harvest_object_error_harvest_object_id_fkey FOREIGN KEY (harvest_object_id) REFERENCES public.harvest_object(id) ON DELETE CASCADE;


--
-- Name: harvest_object_extra harvest_object_extra_harvest_object_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object_extra
    ADD CONSTRAINT harvest_object_extra_harvest_object_id_fkey FOREIGN KEY (harvest_object_id) REFERENCES public.harvest_object(id) ON DELETE CASCADE;


--
-- Name: harvest_object harvest_object_harvest_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object
    ADD CONSTRAINT harvest_object_harvest_job_id_fkey FOREIGN KEY (harvest_job_id) REFERENCES public.harvest_job(id) ON DELETE CASCADE;


--
-- Name: harvest_object harvest_object_harvest_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object
    ADD CONSTRAINT harvest_object_harvest_source_id_fkey FOREIGN KEY (harvest_source_id) REFERENCES public.harvest_source(id) ON DELETE CASCADE;


--
-- Name: harvest_object harvest_object_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.harvest_object
    ADD CONSTRAINT harvest_object_package_id_fkey FOREIGN KEY (package_id) REFERENCES public.package(id) ON DELETE CASCADE DEFERRABLE;


--
-- Name: member member_group_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_group_id_fkey FOREIGN KEY (group_id) REFERENCES public."group"(id);


--
-- Name: file_owner_transfer_history owner_transfer_history_file_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.file_owner_transfer_history
    ADD CONSTRAINT owner_transfer_history_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.file_owner(file_id) ON DELETE CASCADE;


--
-- Name: package_member package_member_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_member
    ADD CONSTRAINT package_member_package_id_fkey FOREIGN KEY (package_id) REFERENCES public.package(id);


--
-- Name: package_member package_member_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_member
    ADD CONSTRAINT package_member_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user"(id);


--
-- Name: package_relationship package_relationship_object_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_relationship
    ADD CONSTRAINT package_relationship_object_package_id_fkey FOREIGN KEY (object_package_id) REFERENCES public.package(id);


--
-- Name: package_relationship package_relationship_subject_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_relationship
    ADD CONSTRAINT package_relationship_subject_package_id_fkey FOREIGN KEY (subject_package_id) REFERENCES public.package(id);


--
-- Name: package_tag package_tag_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_tag
    ADD CONSTRAINT package_tag_package_id_fkey FOREIGN KEY (package_id) REFERENCES public.package(id);


--
-- Name: package_tag package_tag_tag_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.package_tag
    ADD CONSTRAINT package_tag_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tag(id);


--
-- Name: resource resource_package_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource
    ADD CONSTRAINT resource_package_id_fkey FOREIGN KEY (package_id) REFERENCES public.package(id);


--
-- Name: resource_view resource_view_resource_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_view
    ADD CONSTRAINT resource_view_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES public.resource(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: tag tag_vocabulary_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_vocabulary_id_fkey FOREIGN KEY (vocabulary_id) REFERENCES public.vocabulary(id);


--
-- Name: user_following_dataset user_following_dataset_follower_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_dataset
    ADD CONSTRAINT user_following_dataset_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES public."user"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: user_following_dataset user_following_dataset_object_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_dataset
    ADD CONSTRAINT user_following_dataset_object_id_fkey FOREIGN KEY (object_id) REFERENCES public.package(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: user_following_group user_following_group_group_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_group
    ADD CONSTRAINT user_following_group_group_id_fkey FOREIGN KEY (object_id) REFERENCES public."group"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: user_following_group user_following_group_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_group
    ADD CONSTRAINT user_following_group_user_id_fkey FOREIGN KEY (follower_id) REFERENCES public."user"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: user_following_user user_following_user_follower_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_user
    ADD CONSTRAINT user_following_user_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES public."user"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: user_following_user user_following_user_object_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_following_user
    ADD CONSTRAINT user_following_user_object_id_fkey FOREIGN KEY (object_id) REFERENCES public."user"(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


