"""Loading: the career graph as data, read from Turtle files or a store.

Holds ``rdf`` (parse the ontology and data files into an rdflib graph; ``CAREERPATH_DATA`` adds
folders), ``stores`` and the ``engines`` under them (where SPARQL runs: Oxigraph in memory or
in a folder, rdflib, a remote SPARQL server), ``sparql`` (what a store needs to run a vetted
query: its types, errors and guards), ``cache`` (the compiled cache that lets commands start
without parsing) and ``codec`` (its data-only encoding), ``litegraph`` (the planner's graph as
the cache keeps it, and the closure of a parent map), ``namespaces`` (the vocabularies,
generated from the ontology), ``validate`` (SHACL), ``labels``, ``lookup`` (names a person
types -> IRIs), ``sources`` (what a source says of itself) and ``market`` (each occupation's
wages and outlook).

May import ``careerpath.ontology`` and ``careerpath.graph.errors`` only: everything else in
careerpath builds on this package.
"""
