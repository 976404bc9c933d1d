import FuzzSupport

runFuzzer(fuzzPipeline)
