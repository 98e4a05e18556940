using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>Builds the torch.optim optimizer the options ask for, over the trainable parameters only.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(ResNetOptimizer kind, IEnumerable<Parameter> parameters, double learningRate,
        double weightDecay, double momentum)
    {
        var trainable = parameters.Where(parameter => parameter.requires_grad).ToList();
        if (trainable.Count == 0) throw new InvalidOperationException("Nothing to train: every parameter is frozen.");
        return kind switch
        {
            ResNetOptimizer.Adam => optim.Adam(trainable, lr: learningRate, weight_decay: weightDecay),
            ResNetOptimizer.AdamW => optim.AdamW(trainable, lr: learningRate, weight_decay: weightDecay),
            ResNetOptimizer.Sgd => optim.SGD(trainable, learningRate, momentum: momentum, weight_decay: weightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };
    }

    /// <summary>Sets the rate of every parameter group (the schedule is computed per step, not by a torch scheduler).</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
