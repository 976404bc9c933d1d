import FuzzSupport

runFuzzer(fuzzDictionaries)
