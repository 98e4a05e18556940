using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training;

/// <summary>
/// Which parts of the network train. The stem (conv1 + bn1) and layer1..layer4 form five stages; freezing the
/// first k of them stops their gradients and keeps their BatchNorm statistics fixed (eval mode) during training.
/// </summary>
internal sealed class LayerFreezing
{
    public const int StageCount = 5;
    private readonly List<Module> frozenNorms = new();

    private LayerFreezing(int trainableStages) => TrainableStages = trainableStages;

    /// <summary>How many of the last stages train (0 = only fc, 5 = everything).</summary>
    public int TrainableStages { get; }

    public static LayerFreezing Apply(ResNet network, bool freezeBackbone, int? trainableStages)
    {
        int trainable = freezeBackbone ? 0 : trainableStages ?? StageCount;
        if (trainable is < 0 or > StageCount)
            throw new ArgumentOutOfRangeException(nameof(trainableStages), trainableStages,
                $"TrainableStages must be between 0 (only fc) and {StageCount} (stem and layer1..layer4).");
        var freezing = new LayerFreezing(trainable);
        var stages = StagesOf(network);
        for (int stage = 0; stage < StageCount - trainable; stage++)
        {
            foreach (var module in stages[stage])
            {
                foreach (var parameter in module.parameters()) parameter.requires_grad = false;
                freezing.frozenNorms.AddRange(module.modules().Where(m => m is BatchNorm2d));
                if (module is BatchNorm2d) freezing.frozenNorms.Add(module);
            }
        }
        return freezing;
    }

    /// <summary>Puts the network in training mode, with the frozen BatchNorms still in eval mode.</summary>
    public void TrainMode(ResNet network)
    {
        network.train();
        foreach (var norm in frozenNorms) norm.eval();
    }

    // ResNet.Stages lists conv1, bn1, layer1..layer4; conv1 and bn1 together are the stem.
    private static List<Module>[] StagesOf(ResNet network)
    {
        var modules = network.Stages;
        return new[]
        {
            new List<Module> { modules[0], modules[1] },
            new List<Module> { modules[2] },
            new List<Module> { modules[3] },
            new List<Module> { modules[4] },
            new List<Module> { modules[5] },
        };
    }
}
