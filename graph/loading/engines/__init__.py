"""Engines: the processes and guards under the SPARQL stores.

Holds ``oxworker`` (an Oxigraph query worker, a child process that holds the graph and
answers vetted queries), ``oxpool`` (the pool of those workers: fair sharing between clients,
a stopped query's worker replaced at once, workers that exit when their parent is gone),
``regexguard`` (rdflib's REGEX and REPLACE on a regex engine with a timeout) and ``oxlocal``
(the graph persisted in the cache folder, queried in this process by one-shot commands).

May import ``careerpath.graph.loading`` (its ``sparql`` types, ``cache`` and ``rdf``'s prefixes)
and ``careerpath.graph.errors`` only; ``loading.stores`` and ``querying.local`` use them.
"""
