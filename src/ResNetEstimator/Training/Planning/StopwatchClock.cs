using System.Diagnostics;

namespace MlNetResNet.Training.Planning;

/// <summary>The real clock, started when it is created.</summary>
internal sealed class StopwatchClock : ITrainingClock
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public TimeSpan Elapsed => watch.Elapsed;
}
