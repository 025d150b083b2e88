"""Data you can look into: tabular resources loaded into CKAN's DataStore by
ckanext-xloader, previewed, and readable only by those who may see their dataset.

Reading rows (``datastore_search``, ``datastore_info``, ``datastore_search_sql``,
the dump URLs, the table preview) goes through core's ``resource_show`` auth,
which applies the review's permission labels (``review/visibility.py``); this
package adds what the hub needs around it: which links the worker may fetch,
who sees a load's status, the country tables and the moderators' summary.
"""
