from lmstudio_app.cli import main

raise SystemExit(main())
