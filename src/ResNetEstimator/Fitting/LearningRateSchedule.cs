namespace MlNetResNet;

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
