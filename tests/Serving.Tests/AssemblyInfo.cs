// The tests share two cores and one trained model pair; servers and libtorch run one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
