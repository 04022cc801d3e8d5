using System.Runtime.CompilerServices;

// The pipeline and its tests choose between the two CPU sampler computations when comparing with
// MediaPipe's golden outputs; that choice is not part of the public API.
[assembly: InternalsVisibleTo("FaceMesh")]
[assembly: InternalsVisibleTo("FaceMesh.Tests")]
