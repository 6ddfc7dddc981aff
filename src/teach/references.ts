/**
 * The works the page cites, in the order the orientation reads them. Authors and titles are
 * proper names (kept as published, in every language); what each is cited for is the message
 * `teach:references.why.<id>`. Every address is the arXiv abstract page of the paper.
 */
export const REFERENCES = [
  {
    id: 'agustsson2019',
    authors: 'E. Agustsson, M. Tschannen, F. Mentzer, R. Timofte, L. Van Gool',
    title: 'Generative Adversarial Networks for Extreme Learned Image Compression',
    venue: 'ICCV 2019',
    arxiv: '1804.02958',
  },
  {
    id: 'agustsson2017',
    authors: 'E. Agustsson, F. Mentzer, M. Tschannen, L. Cavigelli, R. Timofte, L. Benini, L. Van Gool',
    title: 'Soft-to-Hard Vector Quantization for End-to-End Learning Compressible Representations',
    venue: 'NeurIPS 2017',
    arxiv: '1704.00648',
  },
  {
    id: 'mentzer2018',
    authors: 'F. Mentzer, E. Agustsson, M. Tschannen, R. Timofte, L. Van Gool',
    title: 'Conditional Probability Models for Deep Image Compression',
    venue: 'CVPR 2018',
    arxiv: '1801.04260',
  },
  {
    id: 'bengio2013',
    authors: 'Y. Bengio, N. Léonard, A. Courville',
    title: 'Estimating or Propagating Gradients Through Stochastic Neurons for Conditional Computation',
    venue: 'arXiv 2013',
    arxiv: '1308.3432',
  },
  {
    id: 'theis2017',
    authors: 'L. Theis, W. Shi, A. Cunningham, F. Huszár',
    title: 'Lossy Image Compression with Compressive Autoencoders',
    venue: 'ICLR 2017',
    arxiv: '1703.00395',
  },
  {
    id: 'balle2017',
    authors: 'J. Ballé, V. Laparra, E. P. Simoncelli',
    title: 'End-to-end Optimized Image Compression',
    venue: 'ICLR 2017',
    arxiv: '1611.01704',
  },
  {
    id: 'agustsson2020',
    authors: 'E. Agustsson, L. Theis',
    title: 'Universally Quantized Neural Compression',
    venue: 'NeurIPS 2020',
    arxiv: '2006.09952',
  },
] as const;

export type ReferenceId = (typeof REFERENCES)[number]['id'];

/** The abstract page of an arXiv identifier. */
export const arxivUrl = (id: string) => `https://arxiv.org/abs/${id}`;
