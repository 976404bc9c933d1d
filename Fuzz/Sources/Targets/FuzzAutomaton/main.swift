import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif

if let directory = getenv("ZHTEXT_FUZZ_WRITE_SEEDS") {
    writeAutomatonSeeds(to: String(cString: directory))
    exit(0)
}
runFuzzer(fuzzAutomaton)
