"""The tools' toolkit: self-hosted Pyodide and the ``alliance`` wheel, copied into the built site.

After every build (``install.on_post_build``) the site gets ``assets/pyodide/`` with:

- Pyodide's core files from ``node_modules/pyodide`` (the npm package);
- ``alliance-<hash>/alliance-<version>-py3-none-any.whl``: the package, built offline with pip
  from ``widgets/`` (``wheel.py``) and byte-compiled by Pyodide's own Python under Node
  (``bytecode.py``); the folder name is a hash of the package sources, so a browser never
  reuses a stale wheel after an edit;
- ``alliance-<hash>/python_stdlib_min.zip``: the standard library the tools use, byte-compiled,
  made in Pyodide under Node (``stdlib.py``); the full ``python_stdlib.zip`` stays beside it as
  an on-demand fallback;
- ``pyodide.asm.wasm.gz``: the runtime gzipped once at build time (``cache.py``), which the
  worker downloads and unpacks itself (``DecompressionStream``): bytes it can count, resume
  with a ``Range`` request after a stall, on any host, gzip or not;
- ``pyodide-lock.json``: Pyodide's lock file with the wheel added by ``pyodide lockfile
  add-wheels``, trimmed to the packages the site serves (``lock.py``);
- ``toolkit.json``: what the worker boots from (``manifest.py``: the files above with their
  sizes and digests, the lock, and the toolkit id that keys its caches and its memory
  snapshot: a new package, Pyodide or worker gives a new id).

Building the wheel and the lock takes seconds, and the site is built many times (``mkdocs
serve``, the tests, the benchmark), so both are cached in ``build/pyodide-assets/<key>/``
(``cache.py``), keyed by a hash of the package sources and the Pyodide version. Later builds
only copy files (``install.py``). ``measure.py`` measures, once per cache entry, the figures
the pages state (macros/sizes.py).

The modules, one job each: ``project`` (where the inputs are, what the files are called, how a
step fails), ``wheel``, ``bytecode``, ``stdlib``, ``lock``, ``cache``, ``measure``,
``manifest``, ``install``. The scripts that run inside Pyodide under Node sit beside them:
``wheel_bytecode.py``/``.mjs``, ``stdlib_trim.py``/``.mjs``, ``stdlib_fallback.py``,
``snapshot_size.mjs``.
"""
