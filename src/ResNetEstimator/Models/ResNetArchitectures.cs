using MlNetResNet.Models;

namespace MlNetResNet;

/// <summary>The one table that drives every architecture.</summary>
public static class ResNetArchitectures
{
    private static readonly ArchitectureSpec[] Table =
    {
        new(ResNetArchitecture.ResNet18, "resnet18", BlockKind.Basic, [2, 2, 2, 2], 1, 64),
        new(ResNetArchitecture.ResNet34, "resnet34", BlockKind.Basic, [3, 4, 6, 3], 1, 64),
        new(ResNetArchitecture.ResNet50, "resnet50", BlockKind.Bottleneck, [3, 4, 6, 3], 1, 64),
        new(ResNetArchitecture.ResNet101, "resnet101", BlockKind.Bottleneck, [3, 4, 23, 3], 1, 64),
        new(ResNetArchitecture.ResNet152, "resnet152", BlockKind.Bottleneck, [3, 8, 36, 3], 1, 64),
        new(ResNetArchitecture.ResNeXt50_32x4d, "resnext50_32x4d", BlockKind.Bottleneck, [3, 4, 6, 3], 32, 4),
        new(ResNetArchitecture.ResNeXt101_32x8d, "resnext101_32x8d", BlockKind.Bottleneck, [3, 4, 23, 3], 32, 8),
        new(ResNetArchitecture.ResNeXt101_64x4d, "resnext101_64x4d", BlockKind.Bottleneck, [3, 4, 23, 3], 64, 4),
        new(ResNetArchitecture.WideResNet50_2, "wide_resnet50_2", BlockKind.Bottleneck, [3, 4, 6, 3], 1, 128),
        new(ResNetArchitecture.WideResNet101_2, "wide_resnet101_2", BlockKind.Bottleneck, [3, 4, 23, 3], 1, 128),
    };

    /// <summary>Every architecture, in enum order.</summary>
    public static IReadOnlyList<ArchitectureSpec> All => Table;

    /// <summary>The spec of one architecture.</summary>
    public static ArchitectureSpec Get(ResNetArchitecture architecture) =>
        Array.Find(Table, spec => spec.Architecture == architecture)
        ?? throw UnknownEnumValue.Error(nameof(ResNetArchitecture), architecture);

    /// <summary>Parses a torchvision name (<c>resnet18</c>, <c>wide_resnet50_2</c>) or an enum name, case-insensitively.</summary>
    public static ResNetArchitecture Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var spec in Table)
        {
            if (string.Equals(spec.TorchvisionName, name, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(spec.Architecture.ToString(), name, StringComparison.OrdinalIgnoreCase))
                return spec.Architecture;
        }
        throw new ArgumentException(
            $"Unknown architecture '{name}'. Known: {string.Join(", ", Table.Select(s => s.TorchvisionName))}.", nameof(name));
    }
}
