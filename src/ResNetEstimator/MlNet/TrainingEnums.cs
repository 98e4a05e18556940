namespace MlNetResNet;

/// <summary>Optimizers the trainer offers.</summary>
public enum ResNetOptimizer
{
    /// <summary>Adam (the seed recipe).</summary>
    Adam,
    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>SGD with momentum.</summary>
    Sgd,
}

/// <summary>How the learning rate moves over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate throughout.</summary>
    Constant,
    /// <summary>Linear warm-up, then cosine decay to zero.</summary>
    CosineWithWarmup,
    /// <summary>One-cycle: up to the peak in the first 30%, then cosine annealing down.</summary>
    OneCycle,
}

/// <summary>Starting weights of the backbone.</summary>
public enum PretrainedWeights
{
    /// <summary>Random (kaiming) initialisation.</summary>
    None,
    /// <summary>
    /// ImageNet ResNet-18 from the offline ONNX file of Microsoft.ML.DnnImageFeaturizer.ResNet18 (ResNet18 only). The
    /// network takes that file's layout, 2-2-2-3 blocks (one more in the last stage than torchvision's 2-2-2-2), so a
    /// <c>.pth</c> saved from it loads into <c>torchvision.models.resnet.ResNet(BasicBlock, [2, 2, 2, 3])</c>, not
    /// into <c>resnet18()</c>.
    /// </summary>
    ImageNet,
    /// <summary>A PyTorch <c>.pth</c> state dict at <see cref="ResNetTrainerOptions.PretrainedPath"/>.</summary>
    File,
}

/// <summary>Where libtorch computes.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when available, else CPU.</summary>
    Auto,
    /// <summary>CPU.</summary>
    Cpu,
    /// <summary>CUDA; fails when no CUDA device is usable.</summary>
    Cuda,
}

/// <summary>What happens to an image that cannot be decoded.</summary>
public enum InvalidImagePolicy
{
    /// <summary>Leave it out, count it in the training history, and go on.</summary>
    Skip,
    /// <summary>Throw, naming the row and the path when known.</summary>
    Throw,
}

/// <summary>Arithmetic of the training step. Validation and the saved model are float32 either way.</summary>
public enum TrainingPrecision
{
    /// <summary>Float32 throughout, as the PyTorch recipe.</summary>
    Float32,
    /// <summary>
    /// Convolutions and <c>fc</c> in bfloat16 with float32 weights, gradients and optimizer state (what PyTorch's
    /// autocast does). About 1.7× faster at 224 px on a CPU with AMX (Intel Sapphire Rapids and later; measured);
    /// expected to be slower than float32 on CPUs without native bfloat16 (not measured).
    /// </summary>
    BFloat16Mixed,
    /// <summary>
    /// <see cref="BFloat16Mixed"/> where a short probe at the start of training measured it faster than float32 on
    /// this CPU (only CPUs whose /proc/cpuinfo lists amx_bf16 or avx512_bf16 are probed), <see cref="Float32"/>
    /// otherwise. The probe's figures are in <see cref="TrainingPlan.PrecisionProbe"/>.
    /// </summary>
    Auto,
}

/// <summary>Memory layout of weights and activations while training.</summary>
public enum TensorLayout
{
    /// <summary>
    /// Channels-last where it measured faster: on CUDA, with <see cref="TrainingPrecision.BFloat16Mixed"/>, and on a
    /// CPU from 128 px up; channels-first otherwise.
    /// </summary>
    Auto,
    /// <summary>NCHW, PyTorch's default.</summary>
    ChannelsFirst,
    /// <summary>NHWC strides (PyTorch's <c>channels_last</c>).</summary>
    ChannelsLast,
}
