namespace MlNetResNet;

/// <summary>
/// What the run's <c>Auto</c> settings and thread counts became, decided once before the first training step and
/// reported once per fit (<see cref="ResNetTrainerOptions.Log"/>, <see cref="TrainingResult.Resolved"/>,
/// <see cref="ResNetClassifierTransformer.ResolvedChoices"/>, the CLI's metrics JSON key <c>resolved</c>).
/// </summary>
/// <param name="Device">Where training ran: <see cref="ComputeDevice.Cpu"/> or <see cref="ComputeDevice.Cuda"/>.</param>
/// <param name="Precision">Arithmetic of the training step: <see cref="TrainingPrecision.Float32"/> or <see cref="TrainingPrecision.BFloat16Mixed"/>.</param>
/// <param name="Layout">Memory layout of the training step: <see cref="TensorLayout.ChannelsLast"/> or <see cref="TensorLayout.ChannelsFirst"/>.</param>
/// <param name="IntraOpThreads">libtorch intra-op threads (<see cref="ResNetTrainerOptions.NumberOfThreads"/>, or the number of cores).</param>
/// <param name="DataWorkers">Threads decoding and augmenting the next batches (<see cref="ResNetTrainer.DataWorkers"/>).</param>
public sealed record ResolvedChoices(
    ComputeDevice Device, TrainingPrecision Precision, TensorLayout Layout, int IntraOpThreads, int DataWorkers)
{
    /// <summary>One line, as logged: "device Cpu, precision Float32, layout ChannelsLast, 2 intra-op threads, 1 data workers".</summary>
    public override string ToString() =>
        $"device {Device}, precision {Precision}, layout {Layout}, {IntraOpThreads} intra-op threads, {DataWorkers} data workers";
}
