package generator

// GCPercent is the garbage collector's target (debug.SetGCPercent) the authgen command runs
// with, and BenchmarkGenerate with it. Generation is a short batch that allocates twenty
// times its live heap (a few tens of MB for a thousand models: the model and the files done
// so far): with Go's default of 100 the collector ran thirty times in the generation of a
// thousand models and cost a tenth of its CPU time or more. At 400 it runs a quarter as
// often, for a peak of about 250 MB instead of 110 MB for a thousand models; beyond 400
// nothing measurable is gained. A GOGC in the environment still wins (see cmd/authgen).
const GCPercent = 400
