using MlNetResNet.Training.Planning;

namespace MlNetResNet.Tests.Training.FineTuning;

/// <summary>A clock that moves only when the test says: what each step "costs" is the test's choice.</summary>
internal sealed class FakeClock : ITrainingClock
{
    public TimeSpan Elapsed { get; private set; }

    public void Advance(TimeSpan by) => Elapsed += by;
}
