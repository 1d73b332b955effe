from m2m.cli import main

raise SystemExit(main())
