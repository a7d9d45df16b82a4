# Types for the accelerator (python -m legidiff.accelerate): Cython reads this file beside
# grammar.py when it compiles it; Python never does. Only the LALR loop and the rules'
# reductions are typed, each name with the type it always has in grammar.py (C integers
# for positions, states and sizes, builtin containers for the tables): the same values,
# less work per token. (legidiff._compiled.source_digest counts this file with
# grammar.py: a change here makes the compiled module stale.)
import cython

# one rule's reduction, which the loop calls as a C method
cdef class _Reducer:
    cdef Py_ssize_t size
    cdef tuple picks
    cdef bint whole, expand1, inlined, pure
    cdef object f
    cdef dict memo
    @cython.locals(size=cython.Py_ssize_t, children=list, at=cython.Py_ssize_t,
                   expand=cython.bint)
    cpdef object run(self, list values)

@cython.locals(pos=cython.Py_ssize_t, start_pos=cython.Py_ssize_t, n=cython.Py_ssize_t, end=cython.Py_ssize_t,
               size=cython.Py_ssize_t, behind=cython.Py_ssize_t, state=cython.Py_ssize_t,
               end_state=cython.Py_ssize_t, is_shift=cython.bint, is_end=cython.bint,
               text=str, rest=str, states=list, values=list, actions=list,
               scanners=list, gotos=list, memo=dict, hits=dict, by_char=dict,
               ignore=frozenset, skip=frozenset, dropped=frozenset, skip_run=frozenset,
               reduce=_Reducer, trace=list, blind=list)
cpdef object _lalr(object parser, str text, str start, object key)

@cython.locals(values=list, start=cython.Py_ssize_t, end=cython.Py_ssize_t, step=object,
               value=str)
cpdef object _replay(str text, list trace)
