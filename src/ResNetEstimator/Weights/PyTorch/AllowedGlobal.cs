namespace MlNetResNet.Weights.PyTorch;

/// <summary>What an allowed pickle global stands for. Nothing else can ever be named, let alone called.</summary>
internal enum AllowedGlobal
{
    OrderedDict,
    RebuildTensor,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    Storage,
}
