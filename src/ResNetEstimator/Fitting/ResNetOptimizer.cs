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
