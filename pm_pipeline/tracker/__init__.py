"""The issue tracker engine shared by sync and the overdue job: the store protocol and its GitHub
implementation, the write budget and retry policy, the marker codec, the trust rule, the one
`Change` protocol, the one executor and the plan reporters."""
