/**
 * Sources for why training goes in mini-batches and what the batch size changes: gradient
 * noise, generalisation, the learning rate and its warm-up.
 */
import type { Reference } from './types';

export const LEARNING_REFERENCES = {
  'goodfellow-2016-minibatch': {
    id: 'goodfellow-2016-minibatch',
    title:
      'Deep Learning, chapter 8: Optimization for Training Deep Models (section 8.1.3, Batch and Minibatch Algorithms)',
    authors: 'Ian Goodfellow, Yoshua Bengio, Aaron Courville',
    publisher: 'MIT Press',
    year: '2016',
    url: 'https://www.deeplearningbook.org/contents/optimization.html',
    note: 'Why gradients are estimated on minibatches: the standard error of the estimate falls only as the square root of the batch size, while the cost grows linearly.',
  },
  'bottou-2018-optimization': {
    id: 'bottou-2018-optimization',
    title: 'Optimization Methods for Large-Scale Machine Learning',
    authors: 'Léon Bottou, Frank E. Curtis, Jorge Nocedal',
    publisher: 'SIAM Review 60(2):223–311 (arXiv:1606.04838)',
    year: '2018',
    url: 'https://arxiv.org/abs/1606.04838',
  },
  'masters-luschi-2018': {
    id: 'masters-luschi-2018',
    title: 'Revisiting Small Batch Training for Deep Neural Networks',
    authors: 'Dominic Masters, Carlo Luschi',
    publisher: 'arXiv:1804.07612',
    year: '2018',
    url: 'https://arxiv.org/abs/1804.07612',
    note: 'In their experiments the best results came with mini-batches of 2 to 32.',
  },
  'keskar-2017': {
    id: 'keskar-2017',
    title: 'On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima',
    authors:
      'Nitish Shirish Keskar, Dheevatsa Mudigere, Jorge Nocedal, Mikhail Smelyanskiy, Ping Tak Peter Tang',
    publisher: 'ICLR 2017 (arXiv:1609.04836)',
    year: '2017',
    url: 'https://arxiv.org/abs/1609.04836',
    note: 'Large batches tend to converge to sharp minima and generalise worse than small ones.',
  },
  'goyal-2017': {
    id: 'goyal-2017',
    title: 'Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour',
    authors:
      'Priya Goyal, Piotr Dollár, Ross Girshick, Pieter Noordhuis, Lukasz Wesolowski, Aapo Kyrola, Andrew Tulloch, Yangqing Jia, Kaiming He',
    publisher: 'arXiv:1706.02677',
    year: '2017',
    url: 'https://arxiv.org/abs/1706.02677',
    note: 'The linear scaling rule (multiply the learning rate by k when the minibatch grows k times) and a gradual warm-up over the first epochs; ResNet-50 trained with minibatches of 8,192 images.',
  },
  'smith-2018-increase-batch': {
    id: 'smith-2018-increase-batch',
    title: 'Don’t Decay the Learning Rate, Increase the Batch Size',
    authors: 'Samuel L. Smith, Pieter-Jan Kindermans, Chris Ying, Quoc V. Le',
    publisher: 'ICLR 2018 (arXiv:1711.00489)',
    year: '2018',
    url: 'https://arxiv.org/abs/1711.00489',
    note: 'Growing the batch size during training has much the same effect as decaying the learning rate, with fewer parameter updates.',
  },
  'mccandlish-2018': {
    id: 'mccandlish-2018',
    title: 'An Empirical Model of Large-Batch Training',
    authors: 'Sam McCandlish, Jared Kaplan, Dario Amodei, OpenAI Dota Team',
    publisher: 'arXiv:1812.06162',
    year: '2018',
    url: 'https://arxiv.org/abs/1812.06162',
    note: 'The gradient noise scale predicts a critical batch size, beyond which a larger batch buys few fewer optimizer steps.',
  },
  'loshchilov-hutter-2017-sgdr': {
    id: 'loshchilov-hutter-2017-sgdr',
    title: 'SGDR: Stochastic Gradient Descent with Warm Restarts',
    authors: 'Ilya Loshchilov, Frank Hutter',
    publisher: 'ICLR 2017 (arXiv:1608.03983)',
    year: '2017',
    url: 'https://arxiv.org/abs/1608.03983',
    note: 'The cosine learning-rate schedule, sized in iterations or epochs.',
  },
} as const satisfies Record<string, Reference>;

export type LearningReferenceId = keyof typeof LEARNING_REFERENCES;
