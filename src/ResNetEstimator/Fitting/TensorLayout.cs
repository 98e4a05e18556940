namespace MlNetResNet;

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
