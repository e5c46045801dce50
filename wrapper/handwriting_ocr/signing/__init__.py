"""Pure signing primitives, shared by the client-side auth classes and the emulator's verifiers."""
