namespace MlNetResNet.Training.Planning;

/// <summary>Time since the run began, as the time budget counts it. Tests pass a fake one.</summary>
internal interface ITrainingClock
{
    TimeSpan Elapsed { get; }
}
