namespace MlNetResNet.Demo.Output;

/// <summary>Receives the trainer's batch and epoch callbacks (from the training thread).</summary>
internal interface ITrainingProgress
{
    void OnBatch(BatchProgress batch);

    void OnEpoch(EpochMetrics epoch);
}
