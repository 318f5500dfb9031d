from pm_pipeline.cli import main

main()
