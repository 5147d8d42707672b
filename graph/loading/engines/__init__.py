"""Engines: the processes and guards under the SPARQL stores.

Holds ``oxworker`` (an Oxigraph query worker, a child process that holds the graph and
answers vetted queries), ``oxpool`` (the pool of those workers: fair sharing between clients,
a stopped query's worker replaced at once, workers that exit when their parent is gone) and
``regexguard`` (rdflib's REGEX and REPLACE on a regex engine with a timeout).

May import ``careerpath.graph.loading`` (its ``sparql`` types) and ``careerpath.graph.errors``
only; ``loading.stores`` uses them.
"""
