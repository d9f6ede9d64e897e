// libtorch's random generator is global to the process: tests that seed it must not interleave, or the same
// seed stops giving the same numbers. The two cores are fully used by libtorch's own threads anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
